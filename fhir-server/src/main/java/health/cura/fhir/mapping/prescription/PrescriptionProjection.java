package health.cura.fhir.mapping.prescription;

import health.cura.conformance.CuraCanonical;
import health.cura.fhir.mapping.BusinessNumbers;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.NumberKind;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.TenantResources;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.prescription.PrescriptionMapper;
import health.cura.mappings.prescription.PrescriptionRow;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.springframework.stereotype.Component;

/**
 * MedicationRequest → {@code prescriptions}. A request without the clinic's prescription number gets the next one as
 * an identifier before it is stored, and keeps it across updates. A FHIR delete cancels the row.
 */
@Component
public class PrescriptionProjection implements ResourceProjection {

    private final LinkedRows rows;
    private final ResourceLinks links;
    private final BusinessNumbers numbers;

    private final TenantResources resources;

    public PrescriptionProjection(LinkedRows rows, ResourceLinks links, BusinessNumbers numbers,
            TenantResources resources) {
        this.resources = resources;
        this.rows = rows;
        this.links = links;
        this.numbers = numbers;
    }

    @Override
    public String resourceType() {
        return "MedicationRequest";
    }

    @Override
    public void prepare(IBaseResource resource, IBaseResource previous, ProjectionContext context) {
        numbers.assignIfMissing(((MedicationRequest) resource).getIdentifier(),
                previous == null ? List.of() : ((MedicationRequest) previous).getIdentifier(),
                CuraCanonical.prescriptionNumberSystem(context.tenant().subdomain()), Identifier.IdentifierUse.OFFICIAL,
                context.organizationId(), NumberKind.PRESCRIPTION);
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        MedicationRequest request = (MedicationRequest) resource;
        Optional<Medication> medication = request.hasMedicationReference()
                ? resources.read(context, Medication.class, request.getMedicationReference())
                : Optional.empty();
        PrescriptionRow row = PrescriptionMapper.toRow(request, medication, context.mappingOf(resource));
        int organizationId = context.organizationId();
        OptionalInt existing = links.rowId(organizationId, "MedicationRequest", resourceId);
        numbers.requireUnused(organizationId, NumberKind.PRESCRIPTION, row.prescriptionNumber(), existing,
                "MedicationRequest.identifier");
        rows.save(context, CuraTables.PRESCRIPTIONS, "MedicationRequest", resourceId, existing, values(row));
    }

    private static RowValues values(PrescriptionRow row) {
        return RowValues.of()
                .set("patient_id", row.patientId())
                .set("doctor_id", row.doctorId())
                .set("consultation_id", row.consultationId())
                .set("prescription_number", row.prescriptionNumber())
                .set("medication_name", row.medicationName())
                .set("dosage", row.dosage())
                .set("frequency", row.frequency())
                .set("duration", row.duration())
                .set("quantity", row.quantity())
                .set("refills", row.refills())
                .set("instructions", row.instructions())
                .set("diagnosis", row.diagnosis())
                .set("status", row.status())
                .set("pharmacy_name", row.pharmacy().name())
                .set("pharmacy_email", row.pharmacy().email())
                .set("pharmacy_phone", row.pharmacy().phone())
                .set("notes", row.notes());
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        rows.set(context, CuraTables.PRESCRIPTIONS, "MedicationRequest", resourceId,
                RowValues.of().set("status", "cancelled"));
    }
}
