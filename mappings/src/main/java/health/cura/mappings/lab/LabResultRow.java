package health.cura.mappings.lab;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The columns of a {@code lab_results} row that a DiagnosticReport and its result Observations own. Not owned:
 * {@code normal_range} (each value carries its own range), {@code attachments} and the timestamps.
 *
 * @param testDate UTC
 */
public record LabResultRow(
        int patientId,
        int orderedBy,
        String labNumber,
        String testType,
        LocalDateTime testDate,
        List<LabValue> results,
        String status,
        String notes) {

    public LabResultRow {
        results = List.copyOf(results);
    }
}
