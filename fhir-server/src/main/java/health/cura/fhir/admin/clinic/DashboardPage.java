package health.cura.fhir.admin.clinic;

import health.cura.fhir.admin.ConsoleProperties;
import health.cura.fhir.admin.ConsoleRefusal;
import health.cura.fhir.admin.ConsoleSession;
import health.cura.fhir.admin.Views;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The clinic's day at a glance: today's appointments by practitioner (drawn as a chart in the browser from the JSON
 * this page serves), abnormal lab results, money owed, low stock and GDPR requests falling due. A card the signed-in
 * person's role or the clinic's plan does not allow says so instead of failing the page.
 */
@Controller
public class DashboardPage {

    /** Interpretation codes of results outside their reference range (HL7 v3 ObservationInterpretation). */
    static final String ABNORMAL = "H,L,HH,LL,A,AA,HU,LU,>,<";

    private final ZoneId zone;

    public DashboardPage(ConsoleProperties properties) {
        this.zone = properties.timeZone();
    }

    /** A card's content, or why it cannot be shown. */
    public record Card<T>(T content, String refused) {
        static <T> Card<T> of(java.util.function.Supplier<T> content) {
            try {
                return new Card<>(content.get(), null);
            } catch (ConsoleRefusal refusal) {
                return new Card<>(null, refusal.getMessage());
            }
        }
    }

    public record AbnormalResult(String patientId, String patient, String test, String value, String flag,
            String when) {}

    @GetMapping("/admin/{clinic}/")
    public String dashboard(ConsoleSession fhir, Model model) {
        model.addAttribute("today", Card.of(() -> appointmentsByPractitioner(fhir)));
        model.addAttribute("abnormal", Card.of(() -> abnormalResults(fhir)));
        model.addAttribute("debt", Card.of(() -> (Parameters) fhir.read("$aged-debt")));
        model.addAttribute("lowStock", Card.of(() -> ((Parameters) fhir.read("$low-stock")).getParameter().size()));
        model.addAttribute("gdprDue", Card.of(() -> ((Bundle) fhir.read("$gdpr-requests-due")).getEntry().size()));
        return "console/clinic/dashboard";
    }

    /** Today's appointments counted by practitioner, for the chart. */
    @GetMapping(value = "/admin/{clinic}/dashboard/appointments-today.json", produces = "application/json")
    @ResponseBody
    public Map<String, Object> appointmentsToday(ConsoleSession fhir) {
        Map<String, Integer> counts = appointmentsByPractitioner(fhir);
        return Map.of("labels", new ArrayList<>(counts.keySet()), "counts", new ArrayList<>(counts.values()));
    }

    private Map<String, Integer> appointmentsByPractitioner(ConsoleSession fhir) {
        LocalDate today = LocalDate.now(zone);
        Bundle found = fhir.search("Appointment", "date", "ge" + today.atStartOfDay(zone).toOffsetDateTime(),
                "date", "lt" + today.plusDays(1).atStartOfDay(zone).toOffsetDateTime(),
                "_include", "Appointment:practitioner", "_count", "500");
        Map<String, String> names = new LinkedHashMap<>();
        Views.resources(found, Practitioner.class)
                .forEach(p -> names.put("Practitioner/" + p.getIdElement().getIdPart(), Views.name(p.getName())));
        Map<String, Integer> counts = new TreeMap<>();
        for (Appointment appointment : Views.resources(found, Appointment.class)) {
            if (appointment.getStatus() == Appointment.AppointmentStatus.CANCELLED) {
                continue;
            }
            String who = appointment.getParticipant().stream()
                    .map(p -> p.getActor().getReference())
                    .filter(ref -> ref != null && ref.startsWith("Practitioner/"))
                    .map(ref -> names.getOrDefault(ref, "Practitioner"))
                    .findFirst().orElse("No practitioner");
            counts.merge(who, 1, Integer::sum);
        }
        return counts;
    }

    private List<AbnormalResult> abnormalResults(ConsoleSession fhir) {
        Bundle found = fhir.search("Observation", "interpretation", ABNORMAL, "_sort", "-date",
                "_include", "Observation:patient", "_count", "10");
        Map<String, String> patients = new LinkedHashMap<>();
        Views.resources(found, org.hl7.fhir.r4.model.Patient.class)
                .forEach(p -> patients.put(p.getIdElement().getIdPart(), Views.name(p.getName())));
        return Views.resources(found, Observation.class).stream().map(observation -> {
            String patientId = Views.idOf(observation.getSubject(), "Patient").orElse(null);
            return new AbnormalResult(patientId, patients.getOrDefault(patientId, ""),
                    Views.text(observation.getCode()), LabValues.value(observation),
                    LabValues.flag(observation), Views.dayAndTime(effective(observation), zone));
        }).toList();
    }

    private static java.util.Date effective(Resource resource) {
        return resource instanceof Observation o && o.hasEffectiveDateTimeType()
                ? o.getEffectiveDateTimeType().getValue() : null;
    }
}
