package health.cura.fhir.mapping.patient;

import health.cura.conformance.CuraCanonical;
import health.cura.fhir.mapping.BusinessNumbers;
import health.cura.fhir.mapping.NumberKind;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.patient.PatientMapper;
import health.cura.mappings.patient.PatientRow;
import java.util.List;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Patient → {@code patients}. A Patient without the clinic's patient number gets the next one as an identifier before
 * it is stored, and keeps it: a later update that leaves the identifier out does not take the number away. A FHIR delete only deactivates the row; patient
 * rows are removed for good by GDPR erasure alone.
 */
@Component
public class PatientProjection implements ResourceProjection {

    static final String TABLE = "patients";

    private final PatientRowRepository rows;
    private final ResourceLinks links;
    private final BusinessNumbers numbers;

    public PatientProjection(PatientRowRepository rows, ResourceLinks links, BusinessNumbers numbers) {
        this.rows = rows;
        this.links = links;
        this.numbers = numbers;
    }

    @Override
    public String resourceType() {
        return "Patient";
    }

    @Override
    public void prepare(IBaseResource resource, IBaseResource previous, ProjectionContext context) {
        numbers.assignIfMissing(((Patient) resource).getIdentifier(),
                previous == null ? List.of() : ((Patient) previous).getIdentifier(),
                CuraCanonical.patientNumberSystem(context.tenant().subdomain()), Identifier.IdentifierUse.USUAL,
                context.organizationId(), NumberKind.PATIENT);
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        PatientRow row = PatientMapper.toRow((Patient) resource, context.mappingOf(resource));
        OptionalInt existing = links.rowId(context.organizationId(), "Patient", resourceId);
        numbers.requireUnused(context.organizationId(), NumberKind.PATIENT, row.patientNumber(), existing,
                "Patient.identifier");
        links.save(context.organizationId(), TABLE, "Patient", resourceId, existing,
                id -> rows.update(context.organizationId(), id, row),
                () -> rows.insert(context.organizationId(), row));
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        links.rowId(context.organizationId(), "Patient", resourceId)
                .ifPresent(id -> rows.deactivate(context.organizationId(), id));
    }
}
