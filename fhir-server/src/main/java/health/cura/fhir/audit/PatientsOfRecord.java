package health.cura.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Task;

/**
 * The patients a record belongs to: itself for a Patient, the patient a data subject request (Task) is for, else the
 * owners of its patient compartment. The audit trail
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
            // a Patient being created has no id yet: it is nobody's record so far
            String id = resource.getIdElement().getIdPart();
            return id == null ? List.of() : List.of(id);
        }
        // outside R4's patient compartment, yet about one patient: a data subject request
        if (resource instanceof Task task) {
            IdType patient = new IdType(task.getFor().getReference());
            return "Patient".equals(patient.getResourceType()) && patient.hasIdPart() && !patient.isAbsolute()
                    ? List.of(patient.getIdPart()) : List.of();
        }
        return terser.getCompartmentOwnersForResource("Patient", resource, Set.of()).stream()
                .filter(id -> "Patient".equals(id.getResourceType()))
                .map(IIdType::getIdPart)
                .distinct()
                .toList();
    }
}
