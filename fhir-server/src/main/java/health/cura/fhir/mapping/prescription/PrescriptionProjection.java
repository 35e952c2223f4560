package health.cura.fhir.mapping.prescription;

import health.cura.conformance.CuraCanonical;
import health.cura.fhir.mapping.BusinessNumbers;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.NumberKind;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.prescription.PrescriptionMapper;
import health.cura.mappings.prescription.PrescriptionRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.springframework.stereotype.Component;

/**
 * MedicationRequest → {@code prescriptions}. A request without the clinic's prescription number gets the next one as
 * an identifier before it is stored, and keeps it across updates. A FHIR delete cancels the row.
 */
@Component
public class PrescriptionProjection implements ResourceProjection {

    static final String TABLE = "prescriptions";
    private static final LinkedRows.Table TABLE_ROWS = new LinkedRows.Table(TABLE, "patient_id, doctor_id, "
            + "consultation_id, prescription_number, medication_name, dosage, frequency, duration, quantity, refills, "
            + "instructions, diagnosis, status, pharmacy_name, pharmacy_email, pharmacy_phone, notes",
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", true);

    private final LinkedRows rows;
    private final ResourceLinks links;
    private final BusinessNumbers numbers;

    public PrescriptionProjection(LinkedRows rows, ResourceLinks links, BusinessNumbers numbers) {
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
        PrescriptionRow row = PrescriptionMapper.toRow((MedicationRequest) resource, context.mappingOf(resource));
        int organizationId = context.organizationId();
        OptionalInt existing = links.rowId(organizationId, "MedicationRequest", resourceId);
        numbers.requireUnused(organizationId, NumberKind.PRESCRIPTION, row.prescriptionNumber(), existing,
                "MedicationRequest.identifier");
        rows.save(context, TABLE_ROWS, "MedicationRequest", resourceId, existing, statement -> bind(statement, row));
    }

    private static void bind(PreparedStatement statement, PrescriptionRow row) throws SQLException {
        statement.setInt(1, row.patientId());
        statement.setInt(2, row.doctorId());
        statement.setObject(3, row.consultationId(), Types.INTEGER);
        statement.setString(4, row.prescriptionNumber());
        statement.setString(5, row.medicationName());
        statement.setString(6, row.dosage());
        statement.setString(7, row.frequency());
        statement.setString(8, row.duration());
        statement.setObject(9, row.quantity(), Types.INTEGER);
        statement.setObject(10, row.refills(), Types.INTEGER);
        statement.setString(11, row.instructions());
        statement.setString(12, row.diagnosis());
        statement.setString(13, row.status());
        statement.setString(14, row.pharmacy().name());
        statement.setString(15, row.pharmacy().email());
        statement.setString(16, row.pharmacy().phone());
        statement.setString(17, row.notes());
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        rows.set(context, TABLE_ROWS, "MedicationRequest", resourceId, "status = 'cancelled'");
    }
}
