package health.cura.fhir.admin.clinic;

import health.cura.fhir.admin.ConsoleProperties;
import health.cura.fhir.admin.ConsoleSession;
import health.cura.fhir.admin.Views;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The clinic's audit trail (AuditEvent, served from {@code gdpr_audit_trail}), all of it or one patient's. */
@Controller
public class AuditTrailPage {

    private final ZoneId zone;
    private final int pageSize;

    public AuditTrailPage(ConsoleProperties properties) {
        this.zone = properties.timeZone();
        this.pageSize = properties.pageSize();
    }

    public record Entry(String when, String who, String action, String what, String from, String outcome) {}

    @GetMapping("/admin/{clinic}/audit")
    public String trail(@RequestParam Optional<String> patient, ConsoleSession fhir, Model model) {
        patient.ifPresent(id -> model.addAttribute("patientName", Views.name(fhir.read(Patient.class, id).getName())));
        List<Entry> entries = Views.resources(patient.isPresent()
                        ? fhir.search("AuditEvent", "patient", "Patient/" + patient.get(), "_count",
                                Integer.toString(pageSize))
                        : fhir.search("AuditEvent", "_count", Integer.toString(pageSize)), AuditEvent.class)
                .stream().map(this::entry).toList();
        model.addAttribute("patientId", patient.orElse(null));
        model.addAttribute("entries", entries);
        return "console/clinic/audit";
    }

    private Entry entry(AuditEvent event) {
        AuditEvent.AuditEventAgentComponent requestor = event.getAgent().stream()
                .filter(AuditEvent.AuditEventAgentComponent::getRequestor).findFirst()
                .orElse(event.getAgentFirstRep());
        String who = requestor.hasAltId() ? requestor.getAltId()
                : requestor.getWho().hasDisplay() ? requestor.getWho().getDisplay() : "unknown";
        String what = event.getEntity().stream().map(entity -> entity.getWhat().getReference())
                .filter(reference -> reference != null).collect(Collectors.joining(", "));
        return new Entry(Views.dayAndTime(event.getRecorded(), zone), who, action(event), what,
                requestor.getNetwork().getAddress() == null ? "" : requestor.getNetwork().getAddress(),
                event.hasOutcome() && !"0".equals(event.getOutcome().toCode()) ? "Refused" : "Done");
    }

    private static String action(AuditEvent event) {
        if (!event.hasAction()) {
            return "";
        }
        return switch (event.getAction()) {
            case C -> "Created";
            case R -> "Viewed";
            case U -> "Changed";
            case D -> "Deleted";
            case E -> "Ran";
            default -> "";
        };
    }
}
