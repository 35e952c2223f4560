package health.cura.fhir.mapping.prescription;

import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.ResourceRowCapture;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.mapping.UnnamedClinician;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.prescription.PrescriptionMapper;
import health.cura.mappings.prescription.PrescriptionRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code prescriptions} → MedicationRequest, for rows other software wrote. The consultation is referenced when it is
 * an Encounter already; a prescription is not held back for one.
 */
@Component
public class PrescriptionCapture extends ResourceRowCapture<PrescriptionRow, MedicationRequest> {

    private final JdbcTemplate jdbc;
    private final UnnamedClinician unnamedClinician;

    public PrescriptionCapture(JdbcTemplate jdbc, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies, UnnamedClinician unnamedClinician) {
        super("prescriptions", MedicationRequest.class, links, writes, dependencies);
        this.jdbc = jdbc;
        this.unnamedClinician = unnamedClinician;
    }

    @Override
    protected Optional<PrescriptionRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT patient_id, doctor_id, consultation_id, prescription_number, medication_name, dosage,
                       frequency, duration, quantity, refills, instructions, diagnosis, status, pharmacy_name,
                       pharmacy_email, pharmacy_phone, notes
                FROM prescriptions WHERE organization_id = ? AND id = ?""", PrescriptionCapture::row,
                organizationId, rowId).stream().findFirst();
    }

    private static PrescriptionRow row(ResultSet rs, int n) throws SQLException {
        PrescriptionRow.Pharmacy pharmacy = new PrescriptionRow.Pharmacy(rs.getString(14), rs.getString(15),
                rs.getString(16));
        return new PrescriptionRow(rs.getInt(1), rs.getInt(2), (Integer) rs.getObject(3), rs.getString(4),
                empty(rs.getString(5)), empty(rs.getString(6)), empty(rs.getString(7)), empty(rs.getString(8)),
                (Integer) rs.getObject(9), (Integer) rs.getObject(10), rs.getString(11), rs.getString(12),
                documented(rs.getString(13), CuraEnums.PRESCRIPTION_STATUS, "prescriptions.status"),
                pharmacy.equals(PrescriptionRow.Pharmacy.NONE) ? PrescriptionRow.Pharmacy.NONE : pharmacy,
                rs.getString(17));
    }

    private static String empty(String value) {
        return value == null ? "" : value;
    }

    @Override
    protected void resolve(CapturedRow changed, PrescriptionRow row, ResolvedLinks.Builder resolved) {
        dependencies.link(changed, resolved, "prescriptions.patient_id", "patients", row.patientId(), "Patient");
        if (!unnamedClinician.is(changed.organizationId(), row.doctorId())) {
            dependencies.link(changed, resolved, "prescriptions.doctor_id", "users", row.doctorId(), "Practitioner");
        }
        dependencies.find(changed, "consultations", row.consultationId(), "Encounter")
                .ifPresent(encounter -> resolved.link("Encounter", encounter, row.consultationId()));
    }

    @Override
    protected MappingContext context(CapturedRow changed, ResolvedLinks resolved) {
        return unnamedClinician.mappingContext(changed.organizationId(), changed.subdomain(), resolved);
    }

    @Override
    protected MedicationRequest toFhir(PrescriptionRow row, MappingContext context) {
        return PrescriptionMapper.toFhir(row, context);
    }

    @Override
    protected PrescriptionRow toRow(MedicationRequest stored, MappingContext context) {
        return PrescriptionMapper.toRow(stored, context);
    }

    @Override
    protected MedicationRequest merge(MedicationRequest stored, MedicationRequest fromRow, PrescriptionRow row, MappingContext context) {
        if (unnamedClinician.is(context.organizationId(), row.doctorId())) {
            // the row names no prescriber: the requester the client gave (an Organization, a role) stays
            fromRow.setRequester(stored.getRequester());
        }
        return PrescriptionMapper.owned(context).merge(stored, fromRow);
    }
}
