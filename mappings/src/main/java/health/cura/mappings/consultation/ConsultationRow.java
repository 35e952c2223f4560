package health.cura.mappings.consultation;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The columns of a {@code consultations} row that a FHIR Encounter (with its vital-sign Observations and its
 * Conditions) owns. Not owned: the clinician's free-text sections ({@code history_of_present_illness},
 * {@code physical_exam}, {@code assessment}, {@code treatment_plan}, {@code follow_up_instructions},
 * {@code consultation_notes}), {@code prescriptions} and the timestamps.
 *
 * @param appointmentId the appointments row the encounter fulfils, if any
 * @param consultationType the encounter class code ({@code AMB}, {@code VR}, {@code EMER}, ...)
 * @param vitals {@code vitals} (jsonb object): one entry per vital sign, keyed by its LOINC code
 * @param diagnosis {@code diagnosis} (text[]): the names of the encounter's conditions
 * @param startTime UTC
 * @param endTime UTC
 * @param duration minutes
 */
public record ConsultationRow(
        Integer appointmentId,
        int patientId,
        int providerId,
        String consultationType,
        String chiefComplaint,
        Map<String, VitalSign> vitals,
        List<String> diagnosis,
        String status,
        LocalDateTime startTime,
        LocalDateTime endTime,
        Integer duration) {

    public ConsultationRow {
        vitals = Map.copyOf(vitals);
        diagnosis = List.copyOf(diagnosis);
    }

    /** One vital sign: what it is, its value and unit. */
    public record VitalSign(String name, BigDecimal value, String unit) {}
}
