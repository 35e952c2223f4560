package health.cura.fhir.operations;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How an operation changes records: in one transaction, through HAPI's DAOs. What the caller does is written with the
 * caller's own request, so that the caller's scopes, role, validation, projection into the tables and audit all apply,
 * as to any write; what the server keeps on its own account (an item's stock after a movement, a reorder it raises) is
 * written as the server, in the clinic's partition, validated and projected likewise.
 */
public class OperationWrites {

    private final DaoRegistry daos;
    private final TransactionTemplate transactions;

    public OperationWrites(DaoRegistry daos, PlatformTransactionManager transactions) {
        this.daos = daos;
        this.transactions = new TransactionTemplate(transactions);
    }

    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    public String create(IBaseResource resource, RequestDetails request) {
        return untyped(resource).create(resource, request).getId().getIdPart();
    }

    public void update(IBaseResource resource, RequestDetails request) {
        untyped(resource).update(resource, request);
    }

    public String createAsServer(int organizationId, IBaseResource resource) {
        return untyped(resource).create(resource, server(organizationId)).getId().getIdPart();
    }

    public void updateAsServer(int organizationId, IBaseResource resource) {
        untyped(resource).update(resource, server(organizationId));
    }

    /** As above, marked with {@code mark} for the projection. */
    public void updateAsServer(int organizationId, IBaseResource resource, String mark) {
        SystemRequestDetails request = server(organizationId);
        request.getUserData().put(mark, Boolean.TRUE);
        untyped(resource).update(resource, request);
    }

    public <T extends IBaseResource> T readAsServer(int organizationId, Class<T> type, String id) {
        return daos.getResourceDao(type).read(new IdType(daos.getFhirContext().getResourceType(type), id),
                server(organizationId));
    }

    private static SystemRequestDetails server(int organizationId) {
        return SystemRequestDetails.forRequestPartitionId(RequestPartitionId.fromPartitionId(organizationId));
    }

    /**
     * The resource as the caller may read it: 404 when the clinic has none, or when what the caller may see leaves
     * it out (a role without the module, a patient without the consent the client's purpose needs).
     */
    public <T extends IBaseResource> T read(Class<T> type, String id, RequestDetails request) {
        IdType address = new IdType(daos.getFhirContext().getResourceType(type), id);
        T read = daos.getResourceDao(type).read(address, request);
        if (read == null) {
            throw new ResourceNotFoundException(address);
        }
        return read;
    }

    @SuppressWarnings("unchecked")
    private IFhirResourceDao<IBaseResource> untyped(IBaseResource resource) {
        return (IFhirResourceDao<IBaseResource>) daos.getResourceDao(resource);
    }
}
