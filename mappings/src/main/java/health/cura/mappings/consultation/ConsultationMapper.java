package health.cura.mappings.consultation;

import health.cura.mappings.Clinicians;
import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.CuraCanonical;
import health.cura.mappings.Instants;
import health.cura.mappings.MappingContext;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * A {@code consultations} row ⇄ an Encounter with its vital-sign Observations ({@code vitals}) and Conditions
 * ({@code diagnosis}).
 */
public final class ConsultationMapper {

    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String LOINC = "http://loinc.org";
    public static final String VITAL_SIGNS = "vital-signs";
    private static final Set<String> ENCOUNTER_CLASSES =
            Set.of("AMB", "EMER", "FLD", "HH", "IMP", "ACUTE", "NONAC", "OBSENC", "PRENC", "SS", "VR");
    /** consultations.status ⇄ Encounter.status; the document lists no values, {@code in_progress} is the default. */
    private static final Map<String, Encounter.EncounterStatus> STATUS = Map.of(
            "scheduled", Encounter.EncounterStatus.PLANNED,
            "in_progress", Encounter.EncounterStatus.INPROGRESS,
            "completed", Encounter.EncounterStatus.FINISHED,
            "cancelled", Encounter.EncounterStatus.CANCELLED);

    private ConsultationMapper() {}

    public static ConsultationRecord toFhir(ConsultationRow row, MappingContext context) {
        Encounter encounter = new Encounter();
        encounter.setStatus(STATUS.getOrDefault(row.status(), Encounter.EncounterStatus.UNKNOWN));
        encounter.setClass_(ENCOUNTER_CLASSES.contains(row.consultationType())
                ? new Coding(ACT_CODE, row.consultationType(), null)
                : new Coding(CuraCanonical.BASE + "/CodeSystem/consultation-type", row.consultationType(), null));
        Reference patient = References.toRow("Patient", row.patientId(), context.links());
        encounter.setSubject(patient);
        Reference clinician = References.toRow("Practitioner", row.providerId(), context.links());
        if (clinician != null) {
            // the unnamed clinician has no Practitioner: the encounter names none
            encounter.addParticipant().setIndividual(clinician);
        }
        if (row.appointmentId() != null) {
            encounter.addAppointment(References.toRow("Appointment", row.appointmentId(), context.links()));
        }
        encounter.getPeriod().setStart(Instants.toDate(row.startTime()));
        if (row.endTime() != null) {
            encounter.getPeriod().setEnd(Instants.toDate(row.endTime()));
        }
        if (row.duration() != null) {
            org.hl7.fhir.r4.model.Duration length = new org.hl7.fhir.r4.model.Duration();
            length.setValue(row.duration()).setUnit("min").setSystem("http://unitsofmeasure.org").setCode("min");
            encounter.setLength(length);
        }
        if (row.chiefComplaint() != null) {
            encounter.addReasonCode().setText(row.chiefComplaint());
        }
        List<Observation> vitals = new ArrayList<>();
        row.vitals().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
            observation.addCategory(new CodeableConcept().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/observation-category", VITAL_SIGNS, "Vital Signs")));
            observation.setCode(new CodeableConcept().setText(entry.getValue().name())
                    .addCoding(new Coding(LOINC, entry.getKey(), null)));
            observation.setSubject(patient);
            observation.setEffective(Instants.toDateTime(row.startTime()));
            observation.setValue(new Quantity().setValue(entry.getValue().value()).setUnit(entry.getValue().unit()));
            vitals.add(observation);
        });
        List<Condition> diagnoses = new ArrayList<>();
        for (String diagnosis : row.diagnosis()) {
            Condition condition = new Condition();
            condition.setCode(new CodeableConcept().setText(diagnosis));
            condition.setSubject(patient);
            condition.addCategory(new CodeableConcept().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis",
                    "Encounter Diagnosis")));
            diagnoses.add(condition);
        }
        return new ConsultationRecord(encounter, vitals, diagnoses);
    }

    public static ConsultationRow toRow(ConsultationRecord record, MappingContext context) {
        Encounter encounter = record.encounter();
        int patient = References.rowId(encounter.getSubject(), "Patient", context.links())
                .orElseThrow(() -> new UnmappableResourceException("Encounter.subject",
                        "Encounter.subject must reference a Patient of this clinic"));
        int provider = Clinicians.namedOrUnnamed(encounter.getParticipant().stream()
                        .map(Encounter.EncounterParticipantComponent::getIndividual).toList(), context)
                .orElseThrow(() -> new UnmappableResourceException("Encounter.participant",
                        "Encounter.participant must include a Practitioner or PractitionerRole of this clinic "
                                + "(the consulting clinician)"));
        if (!encounter.getPeriod().hasStart()) {
            throw new UnmappableResourceException("Encounter.period",
                    "Encounter.period.start is required: the consultation needs its start time");
        }
        LocalDateTime start = Instants.toUtc(encounter.getPeriod().getStart());
        LocalDateTime end = encounter.getPeriod().hasEnd() ? Instants.toUtc(encounter.getPeriod().getEnd()) : null;
        OptionalInt appointment = References.firstRowId(encounter.getAppointment(), "Appointment", context.links());
        return new ConsultationRow(
                appointment.isPresent() ? appointment.getAsInt() : null,
                patient,
                provider,
                Optional.ofNullable(blankToNull(encounter.getClass_().getCode())).orElse("AMB"),
                encounter.getReasonCode().stream().map(ConsultationMapper::name).filter(n -> n != null).findFirst()
                        .orElse(null),
                vitals(record.vitals()),
                record.diagnoses().stream().map(c -> name(c.getCode())).filter(n -> n != null).distinct().toList(),
                status(encounter),
                start,
                end,
                duration(encounter, start, end));
    }

    /** The row's status for the encounter's. */
    public static String status(Encounter encounter) {
        if (!encounter.hasStatus()) {
            return "in_progress";
        }
        return switch (encounter.getStatus()) {
            case PLANNED -> "scheduled";
            case FINISHED -> "completed";
            case CANCELLED, ENTEREDINERROR -> "cancelled";
            default -> "in_progress";
        };
    }

    private static Integer duration(Encounter encounter, LocalDateTime start, LocalDateTime end) {
        if (encounter.hasLength() && encounter.getLength().hasValue()
                && "min".equals(encounter.getLength().getCode())) {
            return encounter.getLength().getValue().intValue();
        }
        return end == null ? null : (int) Duration.between(start, end).toMinutes();
    }

    /**
     * One entry per LOINC-coded value, the latest reading of each code winning; a panel's components (blood pressure)
     * are entries of their own.
     */
    private static Map<String, ConsultationRow.VitalSign> vitals(List<Observation> observations) {
        Map<String, ConsultationRow.VitalSign> vitals = new LinkedHashMap<>();
        observations.stream()
                .sorted(Comparator.comparing(o -> o.hasEffectiveDateTimeType()
                        ? o.getEffectiveDateTimeType().getValue() : new java.util.Date(0)))
                .forEach(observation -> {
                    put(vitals, observation.getCode(), observation.hasValueQuantity()
                            ? observation.getValueQuantity() : null);
                    for (Observation.ObservationComponentComponent component : observation.getComponent()) {
                        put(vitals, component.getCode(), component.hasValueQuantity()
                                ? component.getValueQuantity() : null);
                    }
                });
        return vitals;
    }

    private static void put(Map<String, ConsultationRow.VitalSign> vitals, CodeableConcept code, Quantity value) {
        Optional<Coding> loinc = code.getCoding().stream()
                .filter(c -> LOINC.equals(c.getSystem()) && c.hasCode()).findFirst();
        if (loinc.isEmpty() || value == null || !value.hasValue()) {
            return;
        }
        String unit = Optional.ofNullable(blankToNull(value.getUnit())).orElse(blankToNull(value.getCode()));
        vitals.put(loinc.get().getCode(), new ConsultationRow.VitalSign(
                Optional.ofNullable(name(code)).orElse(loinc.get().getCode()), value.getValue(), unit));
    }

    private static String name(CodeableConcept code) {
        return Optional.ofNullable(blankToNull(code.getText()))
                .or(() -> code.getCoding().stream().map(c -> blankToNull(c.getDisplay())).filter(d -> d != null)
                        .findFirst())
                .orElse(null);
    }
}
