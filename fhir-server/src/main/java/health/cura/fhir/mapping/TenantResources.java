package health.cura.fhir.mapping;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Reads a resource that a projected resource references, in the same clinic and the same transaction (so resources
 * written earlier in the same bundle are seen). Only the clinic's own partition is read.
 */
@Component
public class TenantResources {

    private final DaoRegistry daos;

    public TenantResources(DaoRegistry daos) {
        this.daos = daos;
    }

    /** The clinic's resources of {@code type} whose reference parameter {@code parameter} points to {@code target}. */
    public <T extends IBaseResource> List<T> referring(
            ProjectionContext context, Class<T> type, String parameter, String target) {
        SearchParameterMap search = SearchParameterMap.newSynchronous(parameter, new ReferenceParam(target));
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRequestPartitionId(context.tenant().partition());
        return daos.getResourceDao(type).search(search, request).getAllResources().stream()
                .map(type::cast)
                .toList();
    }

    public <T extends IBaseResource> Optional<T> read(ProjectionContext context, Class<T> type, Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        IdType id = new IdType(reference.getReference());
        String typeName = daos.getFhirContext().getResourceType(type);
        if (!typeName.equals(id.getResourceType()) || !id.hasIdPart() || id.isAbsolute()) {
            return Optional.empty();
        }
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRequestPartitionId(context.tenant().partition());
        try {
            return Optional.of(daos.getResourceDao(type).read(id.toUnqualifiedVersionless(), request));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }
}
