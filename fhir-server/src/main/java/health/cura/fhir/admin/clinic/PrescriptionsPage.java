package health.cura.fhir.admin.clinic;

import health.cura.fhir.admin.ConsoleProperties;
import health.cura.fhir.admin.ConsoleSession;
import health.cura.fhir.admin.Views;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The clinic's prescriptions, newest first: the active ones, or those of another status. */
@Controller
public class PrescriptionsPage {

    private static final Set<String> STATUSES = Set.of("active", "completed", "cancelled", "stopped", "on-hold");

    private final ZoneId zone;
    private final int pageSize;

    public PrescriptionsPage(ConsoleProperties properties) {
        this.zone = properties.timeZone();
        this.pageSize = properties.pageSize();
    }

    public record Prescription(String patientId, String patient, String medicine, String dosage, String prescriber,
            String written, String status) {}

    @GetMapping("/admin/{clinic}/prescriptions")
    public String prescriptions(@RequestParam(defaultValue = "active") String status, ConsoleSession fhir,
            Model model) {
        String shown = STATUSES.contains(status) ? status : "active";
        Bundle found = fhir.search("MedicationRequest", "status", shown, "_sort", "-authoredon",
                "_include", "MedicationRequest:patient", "_include", "MedicationRequest:requester",
                "_count", Integer.toString(pageSize));
        Map<String, String> names = new LinkedHashMap<>();
        Views.resources(found, Patient.class)
                .forEach(p -> names.put("Patient/" + p.getIdElement().getIdPart(), Views.name(p.getName())));
        Views.resources(found, Practitioner.class)
                .forEach(p -> names.put("Practitioner/" + p.getIdElement().getIdPart(), Views.name(p.getName())));
        List<Prescription> rows = Views.resources(found, MedicationRequest.class).stream()
                .map(request -> new Prescription(Views.idOf(request.getSubject(), "Patient").orElse(null),
                        names.getOrDefault(request.getSubject().getReference(), ""),
                        Views.text(request.getMedicationCodeableConcept()),
                        request.getDosageInstructionFirstRep().getText(),
                        names.getOrDefault(request.getRequester().getReference(), ""),
                        Views.day(request.getAuthoredOn(), zone),
                        request.hasStatus() ? request.getStatus().getDisplay() : ""))
                .toList();
        model.addAttribute("status", shown);
        model.addAttribute("prescriptions", rows);
        return "console/clinic/prescriptions";
    }
}
