package health.cura.fhir.admin.clinic;

import health.cura.fhir.admin.ConsoleProperties;
import health.cura.fhir.admin.ConsoleSession;
import health.cura.fhir.admin.Views;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The results of the clinic's recent lab reports, newest first, abnormal ones marked; or the abnormal ones only. */
@Controller
public class LabResultsPage {

    private final ZoneId zone;
    private final int pageSize;

    public LabResultsPage(ConsoleProperties properties) {
        this.zone = properties.timeZone();
        this.pageSize = properties.pageSize();
    }

    public record Result(String patientId, String patient, String when, String test, String value, String range,
            String flag) {}

    @GetMapping("/admin/{clinic}/lab-results")
    public String results(@RequestParam(defaultValue = "false") boolean abnormal, ConsoleSession fhir, Model model) {
        // a lab result is an Observation a lab report holds: vital signs taken in a consultation are not
        Bundle found = fhir.search("DiagnosticReport", "_sort", "-date", "_include", "DiagnosticReport:result",
                "_include", "DiagnosticReport:patient", "_count", Integer.toString(pageSize));
        Map<String, String> patients = new LinkedHashMap<>();
        Views.resources(found, Patient.class)
                .forEach(p -> patients.put(p.getIdElement().getIdPart(), Views.name(p.getName())));
        List<Result> rows = Views.resources(found, Observation.class).stream().map(o -> {
            String patientId = Views.idOf(o.getSubject(), "Patient").orElse(null);
            return new Result(patientId, patients.getOrDefault(patientId, ""),
                    Views.dayAndTime(o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue()
                            : o.getIssued(), zone),
                    Views.text(o.getCode()), LabValues.value(o), LabValues.range(o), LabValues.flag(o));
        }).filter(result -> !abnormal || !result.flag().isEmpty()).toList();
        model.addAttribute("abnormal", abnormal);
        model.addAttribute("results", rows);
        return "console/clinic/lab-results";
    }
}
