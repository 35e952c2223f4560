package health.cura.fhir.capture;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * The applier's writes through HAPI's DAOs, in the partition of the row's clinic, marked as captured: the projection of
 * FHIR writes into the tables skips them (the row is where they came from), and HAPI stores no new version when the
 * resource did not change.
 */
public final class CapturedWrites {

    private static final String CAPTURED = CapturedWrites.class.getName() + ".captured";

    private final DaoRegistry daos;

    public CapturedWrites(DaoRegistry daos) {
        this.daos = daos;
    }

    /** Whether a write is the applier's, bringing a row into FHIR. */
    public static boolean isCaptured(RequestDetails request) {
        return request != null && Boolean.TRUE.equals(request.getUserData().get(CAPTURED));
    }

    /**
     * A request of the server's own whose writes follow rows it changes itself (the retention job deleting the
     * records whose rows it deletes): like the applier's, they are not projected back, nor held to the rules of
     * writes made by clients.
     */
    public static SystemRequestDetails rowDriven(int organizationId) {
        SystemRequestDetails request = SystemRequestDetails.forRequestPartitionId(
                RequestPartitionId.fromPartitionId(organizationId));
        request.getUserData().put(CAPTURED, Boolean.TRUE);
        return request;
    }

    /** The resource as stored now; empty when it never existed or was deleted. */
    public <T extends IBaseResource> Optional<T> read(CapturedRow row, Class<T> type, String id) {
        try {
            IFhirResourceDao<T> dao = daos.getResourceDao(type);
            return Optional.of(dao.read(new IdType(daos.getFhirContext().getResourceType(type), id), request(row)));
        } catch (ResourceNotFoundException | ResourceGoneException absent) {
            return Optional.empty();
        }
    }

    /** The resources of {@code type} in the row's clinic whose {@code parameter} references {@code target}. */
    public <T extends IBaseResource> List<T> referring(CapturedRow row, Class<T> type, String parameter,
            String target) {
        IFhirResourceDao<T> dao = daos.getResourceDao(type);
        return dao.search(SearchParameterMap.newSynchronous(parameter, new ReferenceParam(target)), request(row))
                .getAllResources().stream().map(type::cast).toList();
    }

    /** Creates the resource; returns its new id. */
    public String create(CapturedRow row, IBaseResource resource) {
        return untyped(resource).create(resource, request(row)).getId().getIdPart();
    }

    /** Stores the resource under its id: a new version when it changed (or was deleted), none otherwise. */
    public void update(CapturedRow row, IBaseResource resource) {
        untyped(resource).update(resource, request(row));
    }

    /**
     * Stores the resource under {@code id} at the version it was read at ({@code read}, when it was), so that a FHIR
     * write committed in between makes this a version conflict (tried again, reading anew) rather than overwritten.
     */
    public void updateAsRead(CapturedRow row, IBaseResource resource, String id,
            Optional<? extends IBaseResource> read) {
        String version = read.map(stored -> stored.getIdElement().getVersionIdPart()).orElse(null);
        resource.setId(new IdType(daos.getFhirContext().getResourceType(resource), id, version));
        update(row, resource);
    }

    public void delete(CapturedRow row, String resourceType, String id) {
        daos.getResourceDao(resourceType).delete(new IdType(resourceType, id), request(row));
    }

    @SuppressWarnings("unchecked")
    private IFhirResourceDao<IBaseResource> untyped(IBaseResource resource) {
        return (IFhirResourceDao<IBaseResource>) daos.getResourceDao(resource);
    }

    private static SystemRequestDetails request(CapturedRow row) {
        SystemRequestDetails request = SystemRequestDetails.forRequestPartitionId(
                RequestPartitionId.fromPartitionId(row.organizationId()));
        request.getUserData().put(CAPTURED, Boolean.TRUE);
        return request;
    }
}
