package health.cura.fhir.admin.clinic;

import health.cura.fhir.admin.ConsoleProperties;
import health.cura.fhir.admin.ConsoleRefusal;
import health.cura.fhir.admin.ConsoleSession;
import health.cura.fhir.admin.Views;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** Patient search (by name, NHS number or date of birth) and the patient's page with their timeline. */
@Controller
public class PatientPages {

    private final ZoneId zone;
    private final int pageSize;

    public PatientPages(ConsoleProperties properties) {
        this.zone = properties.timeZone();
        this.pageSize = properties.pageSize();
    }

    public record PatientRow(String id, String name, String nhsNumber, String birthDate, String gender) {}

    /** One event of the timeline; {@code flag} is the words of an abnormal result, empty otherwise. */
    public record Event(Date at, String when, String kind, String text, String flag) {}

    public record LabRow(String when, String test, String value, String range, String flag) {}

    @GetMapping("/admin/{clinic}/patients")
    public String search(@RequestParam(defaultValue = "") String q, ConsoleSession fhir, Model model,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        model.addAttribute("q", q);
        model.addAttribute("patients", found(q, fhir));
        return htmx != null ? "console/clinic/patients :: results" : "console/clinic/patients";
    }

    private List<PatientRow> found(String q, ConsoleSession fhir) {
        List<String> query = new ArrayList<>(PatientSearchQuery.of(q));
        if (query.isEmpty()) {
            return null;
        }
        query.addAll(List.of("_count", Integer.toString(pageSize), "_sort", "family"));
        return Views.resources(fhir.search("Patient", query.toArray(String[]::new)), Patient.class).stream()
                .map(this::row).toList();
    }

    private PatientRow row(Patient patient) {
        return new PatientRow(patient.getIdElement().getIdPart(), Views.name(patient.getName()),
                Views.nhsNumber(patient.getIdentifier()).orElse(""),
                patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : "",
                patient.hasGender() ? patient.getGender().getDisplay() : "");
    }

    @GetMapping("/admin/{clinic}/patients/{id}")
    public String patient(@PathVariable String id, ConsoleSession fhir, Model model) {
        Patient patient = fhir.read(Patient.class, id);
        model.addAttribute("patient", row(patient));
        List<Event> events = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        List<LabRow> labs = new ArrayList<>();
        section(withheld, "appointments", () -> Views.resources(fhir.search("Appointment", "patient", id,
                "_count", "200"), Appointment.class).forEach(a -> events.add(event(a.getStart(), "Appointment",
                a.getDescription() + " (" + AppointmentBook.statusWords(a) + ")", ""))));
        section(withheld, "consultations", () -> Views.resources(fhir.search("Encounter", "patient", id,
                "_count", "200"), Encounter.class).forEach(e -> events.add(event(e.getPeriod().getStart(),
                "Consultation", e.getReasonCode().stream().map(Views::text).findFirst()
                        .orElse(e.getTypeFirstRep().isEmpty() ? "Consultation" : Views.text(e.getTypeFirstRep())),
                ""))));
        section(withheld, "prescriptions", () -> Views.resources(fhir.search("MedicationRequest", "patient", id,
                "_count", "200"), MedicationRequest.class).forEach(m -> events.add(event(m.getAuthoredOn(),
                "Prescription", Views.text(m.getMedicationCodeableConcept()) + " ("
                        + (m.hasStatus() ? m.getStatus().getDisplay() : "") + ")", ""))));
        section(withheld, "lab results", () -> {
            Bundle reports = fhir.search("DiagnosticReport", "patient", id, "_include", "DiagnosticReport:result",
                    "_count", "200");
            Views.resources(reports, DiagnosticReport.class).forEach(r -> events.add(event(
                    r.hasEffectiveDateTimeType() ? r.getEffectiveDateTimeType().getValue() : r.getIssued(),
                    "Lab report", Views.text(r.getCode()), "")));
            Views.resources(reports, Observation.class).forEach(o -> {
                Date at = o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : o.getIssued();
                String flag = LabValues.flag(o);
                labs.add(new LabRow(Views.dayAndTime(at, zone), Views.text(o.getCode()), LabValues.value(o),
                        LabValues.range(o), flag));
                events.add(event(at, "Lab result", Views.text(o.getCode()) + ": " + LabValues.value(o), flag));
            });
        });
        section(withheld, "images", () -> Views.resources(fhir.search("ImagingStudy", "patient", id,
                "_count", "200"), ImagingStudy.class).forEach(i -> events.add(event(i.getStarted(), "Imaging",
                i.hasDescription() ? i.getDescription() : "Imaging study", ""))));
        section(withheld, "consents", () -> Views.resources(fhir.search("Consent", "patient", id,
                "_count", "200"), Consent.class).forEach(c -> events.add(event(c.getDateTime(), "Consent",
                c.getCategory().stream().map(Views::text).findFirst().orElse("Consent") + " ("
                        + (c.hasStatus() ? c.getStatus().getDisplay() : "") + ")", ""))));
        section(withheld, "invoices", () -> Views.resources(fhir.search("Invoice", "subject", "Patient/" + id,
                "_count", "200"), Invoice.class).forEach(i -> events.add(event(i.getDate(), "Invoice",
                (i.hasIdentifier() ? i.getIdentifierFirstRep().getValue() + " " : "")
                        + (i.hasTotalGross() ? i.getTotalGross().getCurrency() + " "
                                + i.getTotalGross().getValue().toPlainString() : "")
                        + " (" + (i.hasStatus() ? i.getStatus().getDisplay() : "") + ")", ""))));
        events.sort(Comparator.comparing(Event::at, Comparator.nullsLast(Comparator.reverseOrder())));
        model.addAttribute("events", events);
        model.addAttribute("labs", labs);
        model.addAttribute("withheld", withheld);
        return "console/clinic/patient";
    }

    /** A part of the page the person may not see is named, and the rest still shown. */
    private static void section(List<String> withheld, String name, Runnable read) {
        try {
            read.run();
        } catch (ConsoleRefusal refusal) {
            if (refusal.status() != 402 && refusal.status() != 403) {
                throw refusal;
            }
            withheld.add(name);
        }
    }

    private Event event(Date at, String kind, String text, String flag) {
        return new Event(at, Views.dayAndTime(at, zone), kind, text, flag);
    }

}
