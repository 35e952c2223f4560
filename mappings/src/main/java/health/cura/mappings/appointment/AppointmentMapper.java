package health.cura.mappings.appointment;

import health.cura.mappings.Clinicians;
import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.CuraCodes;
import health.cura.mappings.Instants;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** An {@code appointments} row ⇄ a FHIR Appointment. */
public final class AppointmentMapper {

    public static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private static final int DEFAULT_DURATION = 30;

    private AppointmentMapper() {}

    /**
     * What an {@code appointments} row supplies of its Appointment: status, type, title and comment, times, the
     * virtual and assigned-role extensions, and among the participants the patient, the practitioner and the
     * location; other participants are the client's.
     */
    public static final OwnedElements<Appointment> OWNED = OwnedElements.of(Appointment.class)
            .element("status", "appointmentType", "description", "comment", "start", "end", "minutesDuration")
            .items("participant", Appointment.AppointmentParticipantComponent.class, p ->
                    p.getActor().getReferenceElement().getResourceType() != null
                            && List.of("Patient", "Practitioner").contains(p.getActor().getReferenceElement().getResourceType())
                    || p.getType().stream().anyMatch(t -> t.hasCoding(PARTICIPATION_TYPE, "LOC")))
            .extension(CuraCanonical.VIRTUAL_APPOINTMENT_EXTENSION, CuraCanonical.ASSIGNED_ROLE_EXTENSION)
            .build();

    public static Appointment toFhir(AppointmentRow row, MappingContext context) {
        Appointment appointment = new Appointment();
        String standardStatus = CuraEnums.APPOINTMENT_STATUS.toStandard(row.status()).orElse(null);
        appointment.setStatus(Appointment.AppointmentStatus.fromCode(standardStatus));
        if (!CuraEnums.APPOINTMENT_STATUS.find(row.status()).orElseThrow().exact()) {
            CuraCodes.mark(appointment.getStatusElement(), CuraEnums.APPOINTMENT_STATUS, row.status());
        }
        appointment.setAppointmentType(type(row.type()));
        appointment.setDescription(row.title());
        appointment.setComment(row.description());
        appointment.setStart(Instants.toDate(row.scheduledAt()));
        appointment.setEnd(Instants.toDate(row.scheduledAt().plusMinutes(row.duration())));
        appointment.setMinutesDuration(row.duration());
        appointment.addParticipant()
                .setActor(References.toRow("Patient", row.patientId(), context.links()))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        Reference provider = References.toRow("Practitioner", row.providerId(), context.links());
        if (provider != null) {
            // the unnamed clinician has no Practitioner: the appointment names none
            appointment.addParticipant().setActor(provider).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        }
        if (row.location() != null) {
            appointment.addParticipant()
                    .addType(new CodeableConcept().addCoding(new Coding(PARTICIPATION_TYPE, "LOC", "location")))
                    .setActor(new Reference().setDisplay(row.location()))
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        }
        appointment.addExtension(CuraCanonical.VIRTUAL_APPOINTMENT_EXTENSION, new BooleanType(row.virtual()));
        if (row.assignedRole() != null) {
            appointment.addExtension(CuraCanonical.ASSIGNED_ROLE_EXTENSION, new StringType(row.assignedRole()));
        }
        return appointment;
    }

    public static AppointmentRow toRow(Appointment appointment, MappingContext context) {
        List<Reference> actors = appointment.getParticipant().stream()
                .map(Appointment.AppointmentParticipantComponent::getActor).toList();
        int patient = References.firstRowId(actors, "Patient", context.links())
                .orElseThrow(() -> new UnmappableResourceException("Appointment.participant",
                        "Appointment.participant must include a Patient of this clinic"));
        int provider = Clinicians.namedOrUnnamed(actors, context)
                .orElseThrow(() -> new UnmappableResourceException("Appointment.participant",
                        "Appointment.participant must include a Practitioner or PractitionerRole of this clinic "
                                + "(the row's provider)"));
        if (!appointment.hasStart()) {
            throw new UnmappableResourceException("Appointment.start",
                    "Appointment.start is required: the clinic's diary needs the time of the appointment");
        }
        LocalDateTime start = Instants.toUtc(appointment.getStart());
        String type = type(appointment.getAppointmentType());
        String title = Optional.ofNullable(blankToNull(appointment.getDescription()))
                .or(() -> Optional.ofNullable(blankToNull(appointment.getAppointmentType().getText())))
                .orElse(CuraEnums.APPOINTMENT_TYPE.display(type));
        String status = status(appointment);
        Extension virtual = appointment.getExtensionByUrl(CuraCanonical.VIRTUAL_APPOINTMENT_EXTENSION);
        Extension role = appointment.getExtensionByUrl(CuraCanonical.ASSIGNED_ROLE_EXTENSION);
        return new AppointmentRow(
                patient,
                provider,
                role == null ? null : blankToNull(role.getValue().primitiveValue()),
                title,
                blankToNull(appointment.getComment()),
                start,
                duration(appointment),
                status,
                type,
                location(appointment),
                virtual != null && virtual.getValue() instanceof BooleanType b && b.booleanValue());
    }

    /** The row's status for the appointment's. */
    public static String status(Appointment appointment) {
        return CuraCodes.read(appointment.getStatusElement(),
                appointment.hasStatus() ? appointment.getStatus().toCode() : null,
                CuraEnums.APPOINTMENT_STATUS, "Appointment.status");
    }

    private static int duration(Appointment appointment) {
        if (appointment.hasMinutesDuration()) {
            return appointment.getMinutesDuration();
        }
        if (appointment.hasEnd()) {
            return (int) Duration.between(appointment.getStart().toInstant(), appointment.getEnd().toInstant())
                    .toMinutes();
        }
        return DEFAULT_DURATION;
    }

    private static String location(Appointment appointment) {
        return appointment.getParticipant().stream()
                .filter(p -> p.getType().stream().anyMatch(t -> t.hasCoding(PARTICIPATION_TYPE, "LOC")))
                .map(p -> blankToNull(p.getActor().getDisplay()))
                .filter(display -> display != null)
                .findFirst()
                .orElse(null);
    }

    private static CodeableConcept type(String code) {
        CodeableConcept concept = new CodeableConcept();
        concept.addCoding(new Coding(CuraEnums.APPOINTMENT_TYPE.system(), code, CuraEnums.APPOINTMENT_TYPE.display(code)));
        CuraEnums.APPOINTMENT_TYPE.toStandard(code).ifPresent(standard ->
                concept.addCoding(new Coding(CuraEnums.V2_APPOINTMENT_REASON, standard, null)));
        return concept;
    }

    /** The Cura coding if there is one, else the v2-0276 coding's counterpart, else a consultation. */
    private static String type(CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            if (CuraEnums.APPOINTMENT_TYPE.system().equals(coding.getSystem())
                    && CuraEnums.APPOINTMENT_TYPE.contains(coding.getCode())) {
                return coding.getCode();
            }
        }
        for (Coding coding : concept.getCoding()) {
            if (CuraEnums.V2_APPOINTMENT_REASON.equals(coding.getSystem()) && coding.hasCode()) {
                Optional<String> mapped = CuraEnums.APPOINTMENT_TYPE.fromStandard(coding.getCode());
                if (mapped.isPresent()) {
                    return mapped.get();
                }
            }
        }
        return "consultation";
    }
}
