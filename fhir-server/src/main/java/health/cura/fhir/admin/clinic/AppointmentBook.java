package health.cura.fhir.admin.clinic;

import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.admin.ConsoleProperties;
import health.cura.fhir.admin.ConsoleRefusal;
import health.cura.fhir.admin.ConsoleSession;
import health.cura.fhir.admin.Views;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The appointment book: a day's appointments by practitioner; booking, moving, cancelling, and marking a patient
 * arrived, seen or not attended. An appointment that is cancelled, completed or not attended is closed: the book
 * offers nothing more for it (the clinic's statuses move no further).
 */
@Controller
public class AppointmentBook {

    /** What each status may become from the book. */
    private static final Map<AppointmentStatus, Set<AppointmentStatus>> NEXT = Map.of(
            AppointmentStatus.BOOKED, Set.of(AppointmentStatus.ARRIVED, AppointmentStatus.FULFILLED,
                    AppointmentStatus.NOSHOW, AppointmentStatus.CANCELLED),
            AppointmentStatus.ARRIVED, Set.of(AppointmentStatus.FULFILLED, AppointmentStatus.CANCELLED));

    /** The kinds of appointment the book offers, as HL7 v2 table 0276 codes with the clinic's words. */
    static final Map<String, String> KINDS = new LinkedHashMap<>(Map.of());

    static {
        KINDS.put("ROUTINE", "Consultation");
        KINDS.put("FOLLOWUP", "Follow-up");
        KINDS.put("CHECKUP", "Routine check-up");
        KINDS.put("EMERGENCY", "Emergency");
    }

    private final ZoneId zone;

    public AppointmentBook(ConsoleProperties properties) {
        this.zone = properties.timeZone();
    }

    public record Booking(String id, String time, String end, String patientId, String patient, String title,
            String status, String statusWords, boolean canArrive, boolean canComplete, boolean canNoShow,
            boolean canCancel, boolean canMove, String day, String startTime) {}

    public record Column(String practitionerId, String practitioner, List<Booking> bookings) {}

    public record Option(String value, String label) {}

    @GetMapping("/admin/{clinic}/appointments")
    public String day(@RequestParam Optional<String> day, ConsoleSession fhir, Model model) {
        LocalDate date = day.flatMap(AppointmentBook::parseDay).orElse(LocalDate.now(zone));
        Bundle found = fhir.search("Appointment",
                "date", "ge" + date.atStartOfDay(zone).toOffsetDateTime(),
                "date", "lt" + date.plusDays(1).atStartOfDay(zone).toOffsetDateTime(),
                "_include", "Appointment:patient", "_include", "Appointment:practitioner",
                "_sort", "date", "_count", "500");
        Map<String, String> patients = new LinkedHashMap<>();
        Views.resources(found, Patient.class)
                .forEach(p -> patients.put(p.getIdElement().getIdPart(), Views.name(p.getName())));
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Practitioner practitioner : practitioners(fhir)) {
            String id = practitioner.getIdElement().getIdPart();
            columns.put(id, new Column(id, Views.name(practitioner.getName()), new ArrayList<>()));
        }
        for (Appointment appointment : Views.resources(found, Appointment.class)) {
            String practitioner = appointment.getParticipant().stream()
                    .flatMap(p -> Views.idOf(p.getActor(), "Practitioner").stream()).findFirst().orElse("");
            columns.computeIfAbsent(practitioner, id -> new Column(id, "No practitioner", new ArrayList<>()))
                    .bookings().add(booking(appointment, patients));
        }
        columns.values().forEach(column -> column.bookings().sort(Comparator.comparing(Booking::time)));
        model.addAttribute("day", date.toString());
        model.addAttribute("dayWords", date.format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM yyyy",
                java.util.Locale.UK)));
        model.addAttribute("previousDay", date.minusDays(1).toString());
        model.addAttribute("nextDay", date.plusDays(1).toString());
        model.addAttribute("columns", columns.values());
        return "console/clinic/appointments";
    }

    @GetMapping("/admin/{clinic}/appointments/book")
    public String bookingForm(@RequestParam String patient, @RequestParam Optional<String> day, ConsoleSession fhir,
            Model model) {
        Patient found = fhir.read(Patient.class, patient);
        model.addAttribute("patientId", found.getIdElement().getIdPart());
        model.addAttribute("patientName", Views.name(found.getName()));
        model.addAttribute("practitioners", practitioners(fhir).stream()
                .map(p -> new Option(p.getIdElement().getIdPart(), Views.name(p.getName()))).toList());
        model.addAttribute("kinds", KINDS.entrySet().stream().map(e -> new Option(e.getKey(), e.getValue())).toList());
        model.addAttribute("day", day.flatMap(AppointmentBook::parseDay).orElse(LocalDate.now(zone)).toString());
        return "console/clinic/book";
    }

    @PostMapping("/admin/{clinic}/appointments")
    public String book(@PathVariable String clinic, @RequestParam String patient, @RequestParam String practitioner,
            @RequestParam String day, @RequestParam String time, @RequestParam(defaultValue = "15") int minutes,
            @RequestParam(defaultValue = "ROUTINE") String kind, @RequestParam(defaultValue = "") String reason,
            ConsoleSession fhir, RedirectAttributes redirect) {
        LocalDate date = parseDay(day).orElseThrow(() -> invalid("Choose the day of the appointment."));
        LocalTime start = parseTime(time).orElseThrow(() -> invalid("Give the time as hours and minutes, like 09:30."));
        if (minutes < 5 || minutes > 480) {
            throw invalid("An appointment lasts from 5 minutes to 8 hours.");
        }
        if (!KINDS.containsKey(kind)) {
            throw invalid("Choose the kind of appointment.");
        }
        Date begins = Date.from(date.atTime(start).atZone(zone).toInstant());
        Appointment appointment = new Appointment().setStatus(AppointmentStatus.BOOKED);
        appointment.setDescription(reason.isBlank() ? KINDS.get(kind) : reason.strip());
        appointment.setAppointmentType(new CodeableConcept().addCoding(
                new Coding(CuraEnums.V2_APPOINTMENT_REASON, kind, null)));
        appointment.setStart(begins);
        appointment.setEnd(new Date(begins.getTime() + minutes * 60_000L));
        appointment.setMinutesDuration(minutes);
        appointment.addParticipant().setActor(new Reference("Patient/" + patient))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        appointment.addParticipant().setActor(new Reference("Practitioner/" + practitioner))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        fhir.create(appointment);
        redirect.addFlashAttribute("notice", "Booked " + appointment.getDescription() + " at " + time + ".");
        return "redirect:/admin/" + clinic + "/appointments?day=" + date;
    }

    @PostMapping("/admin/{clinic}/appointments/{id}/status")
    public String changeStatus(@PathVariable String clinic, @PathVariable String id, @RequestParam String status,
            ConsoleSession fhir, RedirectAttributes redirect) {
        Appointment appointment = fhir.read(Appointment.class, id);
        AppointmentStatus wanted;
        try {
            wanted = AppointmentStatus.fromCode(status);
        } catch (org.hl7.fhir.exceptions.FHIRException e) {
            throw invalid("That is not a status an appointment can have.");
        }
        if (!NEXT.getOrDefault(appointment.getStatus(), Set.of()).contains(wanted)) {
            throw invalid("An appointment that is " + statusWords(appointment).toLowerCase(java.util.Locale.UK)
                    + " cannot be marked " + words(wanted).toLowerCase(java.util.Locale.UK) + ".");
        }
        appointment.setStatus(wanted);
        if (wanted == AppointmentStatus.CANCELLED) {
            appointment.setCancelationReason(new CodeableConcept().setText("Cancelled at the clinic"));
        }
        fhir.update(appointment);
        redirect.addFlashAttribute("notice", appointment.getDescription() + ": " + words(wanted) + ".");
        return "redirect:/admin/" + clinic + "/appointments?day=" + dayOf(appointment);
    }

    @PostMapping("/admin/{clinic}/appointments/{id}/move")
    public String move(@PathVariable String clinic, @PathVariable String id, @RequestParam String day,
            @RequestParam String time, ConsoleSession fhir, RedirectAttributes redirect) {
        LocalDate date = parseDay(day).orElseThrow(() -> invalid("Choose the new day."));
        LocalTime start = parseTime(time).orElseThrow(() -> invalid("Give the time as hours and minutes, like 09:30."));
        Appointment appointment = fhir.read(Appointment.class, id);
        if (!NEXT.containsKey(appointment.getStatus())) {
            throw invalid("A " + statusWords(appointment).toLowerCase(java.util.Locale.UK)
                    + " appointment cannot be moved.");
        }
        long length = appointment.hasEnd() && appointment.hasStart()
                ? appointment.getEnd().getTime() - appointment.getStart().getTime()
                : appointment.getMinutesDuration() * 60_000L;
        Date begins = Date.from(date.atTime(start).atZone(zone).toInstant());
        appointment.setStart(begins);
        appointment.setEnd(new Date(begins.getTime() + length));
        fhir.update(appointment);
        redirect.addFlashAttribute("notice", appointment.getDescription() + " moved to " + date + " " + time + ".");
        return "redirect:/admin/" + clinic + "/appointments?day=" + date;
    }

    private List<Practitioner> practitioners(ConsoleSession fhir) {
        // a practitioner without the active flag is active: only those marked inactive are left out
        return Views.resources(fhir.search("Practitioner", "_sort", "family", "_count", "200"), Practitioner.class)
                .stream().filter(p -> !p.hasActive() || p.getActive()).toList();
    }

    private Booking booking(Appointment appointment, Map<String, String> patients) {
        String patientId = appointment.getParticipant().stream()
                .flatMap(p -> Views.idOf(p.getActor(), "Patient").stream()).findFirst().orElse(null);
        Set<AppointmentStatus> next = NEXT.getOrDefault(appointment.getStatus(), Set.of());
        return new Booking(appointment.getIdElement().getIdPart(), Views.time(appointment.getStart(), zone),
                Views.time(appointment.getEnd(), zone), patientId, patients.getOrDefault(patientId, ""),
                appointment.getDescription(), appointment.hasStatus() ? appointment.getStatus().toCode() : "",
                statusWords(appointment), next.contains(AppointmentStatus.ARRIVED),
                next.contains(AppointmentStatus.FULFILLED), next.contains(AppointmentStatus.NOSHOW),
                next.contains(AppointmentStatus.CANCELLED), !next.isEmpty(),
                dayOf(appointment), Views.time(appointment.getStart(), zone));
    }

    private String dayOf(Appointment appointment) {
        return appointment.getStart().toInstant().atZone(zone).toLocalDate().toString();
    }

    /** A status in the clinic's words. */
    static String statusWords(Appointment appointment) {
        return appointment.hasStatus() ? words(appointment.getStatus()) : "No status";
    }

    private static String words(AppointmentStatus status) {
        return switch (status) {
            case BOOKED -> "Booked";
            case ARRIVED -> "Arrived";
            case FULFILLED -> "Seen";
            case CANCELLED -> "Cancelled";
            case NOSHOW -> "Did not attend";
            case CHECKEDIN -> "Checked in";
            case PROPOSED, PENDING -> "Not yet confirmed";
            case WAITLIST -> "On the waiting list";
            default -> "Entered in error";
        };
    }

    private static Optional<LocalDate> parseDay(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalTime> parseTime(String text) {
        try {
            return Optional.of(LocalTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static ConsoleRefusal invalid(String message) {
        return new ConsoleRefusal(400, message);
    }
}
