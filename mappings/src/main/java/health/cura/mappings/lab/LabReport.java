package health.cura.mappings.lab;

import java.util.List;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;

/**
 * A lab result in FHIR: the report, and its result Observations in the order of {@code DiagnosticReport.result}. The
 * report references each Observation as {@code urn:uuid:} of its position until the server has stored them.
 */
public record LabReport(DiagnosticReport report, List<Observation> results) {

    public LabReport {
        results = List.copyOf(results);
    }
}
