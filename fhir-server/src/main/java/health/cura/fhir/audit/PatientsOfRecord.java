package health.cura.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The patients a record belongs to: itself for a Patient, else the owners of its patient compartment. The audit trail
 * files records under them; consent enforcement asks them for their consent.
 */
public final class PatientsOfRecord {

    private final FhirTerser terser;

    public PatientsOfRecord(FhirContext fhir) {
        this.terser = fhir.newTerser();
    }

    public List<String> of(IBaseResource resource) {
        String type = resource.getIdElement().getResourceType() != null ? resource.getIdElement().getResourceType()
                : resource.fhirType();
        if (type == null || "AuditEvent".equals(type) || "OperationOutcome".equals(type)) {
            return List.of();
        }
        if ("Patient".equals(type)) {
            return List.of(resource.getIdElement().getIdPart());
        }
        return terser.getCompartmentOwnersForResource("Patient", resource, Set.of()).stream()
                .filter(id -> "Patient".equals(id.getResourceType()))
                .map(IIdType::getIdPart)
                .distinct()
                .toList();
    }
}
