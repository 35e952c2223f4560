package health.cura.mappings.patient;

import java.time.LocalDate;
import java.util.List;

/**
 * The columns of a {@code patients} row that its FHIR Patient owns. The others ({@code user_id},
 * {@code insurance_info} and {@code is_insured} (Coverage), {@code medical_history}, {@code communication_preferences},
 * {@code created_by} and the timestamps) are kept as they are when the Patient is written.
 *
 * @param patientNumber {@code patient_id}: the clinic's own patient number, null when the server is to assign one
 */
public record PatientRow(
        String patientNumber,
        String firstName,
        String lastName,
        LocalDate dateOfBirth,
        String genderAtBirth,
        String email,
        String phone,
        String nhsNumber,
        PostalAddress address,
        EmergencyContact emergencyContact,
        String riskLevel,
        List<String> flags,
        boolean active) {

    public PatientRow {
        flags = List.copyOf(flags);
    }
}
