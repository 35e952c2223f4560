package health.cura.mappings.appointment;

import static health.cura.mappings.Generators.optionalText;
import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

class AppointmentMapperTest {

    private final InMemoryLinks links = new InMemoryLinks();
    private final MappingContext context = links.context();

    @Property(tries = 500)
    void rowToResourceToRowIsExact(@ForAll("rows") AppointmentRow row) {
        assertThat(AppointmentMapper.toRow(AppointmentMapper.toFhir(row, context), context)).isEqualTo(row);
    }

    /**
     * A row changed outside FHIR, merged into the Appointment a client had enriched: the merge reads as the new row,
     * and what the client added beyond the row (a priority, another participant, an extension) is still there.
     */
    @Property(tries = 300)
    void aMergedRowReadsAsTheRowAndKeepsWhatTheClientAdded(@ForAll("rows") AppointmentRow before,
            @ForAll("rows") AppointmentRow after) {
        Appointment stored = AppointmentMapper.toFhir(before, context);
        stored.setPriority(5);
        stored.addParticipant().setActor(new Reference("Location/elsewhere"))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        stored.addExtension("https://example.org/fhir/StructureDefinition/booking-channel",
                new org.hl7.fhir.r4.model.StringType("phone"));

        Appointment merged = AppointmentMapper.OWNED.merge(stored, AppointmentMapper.toFhir(after, context));

        assertThat(AppointmentMapper.toRow(merged, context)).isEqualTo(after);
        assertThat(merged.getPriority()).isEqualTo(5);
        assertThat(merged.getParticipant()).extracting(p -> p.getActor().getReference())
                .containsOnlyOnce("Location/elsewhere");
        assertThat(merged.getExtensionByUrl("https://example.org/fhir/StructureDefinition/booking-channel"))
                .isNotNull();
        assertThat(AppointmentMapper.OWNED.merge(merged, AppointmentMapper.toFhir(after, context))
                .equalsDeep(merged)).as("merging the same row again changes nothing").isTrue();
    }

    /** Statuses and types a client sends in FHIR's own codes, without the Cura extension, keep their meaning. */
    @Property(tries = 300)
    void standardCodesFromOutsideAreStoredAsTheirCuraCounterpart(@ForAll("rows") AppointmentRow row) {
        Appointment appointment = AppointmentMapper.toFhir(row, context);
        appointment.getStatusElement().getExtension().clear();
        appointment.getAppointmentType().getCoding().removeIf(c -> c.getSystem().startsWith(CuraCanonical.BASE));
        appointment.addParticipant().setActor(new Reference("Location/elsewhere"));
        AppointmentRow stored = AppointmentMapper.toRow(appointment, context);

        String status = appointment.getStatus().toCode();
        assertThat(CuraEnums.APPOINTMENT_STATUS.toStandard(stored.status())).contains(status);
        boolean typeHasStandard = CuraEnums.APPOINTMENT_TYPE.toStandard(row.type()).isPresent();
        assertThat(stored.type()).isEqualTo(typeHasStandard ? 
                CuraEnums.APPOINTMENT_TYPE.fromStandard(CuraEnums.APPOINTMENT_TYPE.toStandard(row.type()).get()).get()
                : "consultation");
        assertThat(stored.scheduledAt()).isEqualTo(row.scheduledAt());
        assertThat(AppointmentMapper.toRow(AppointmentMapper.toFhir(stored, context), context)).isEqualTo(stored);
    }

    @Example
    void durationComesFromEndWhenMinutesAreMissingAndTitleFromTheType() {
        Appointment appointment = minimal();
        appointment.setMinutesDuration(0);
        appointment.getMinutesDurationElement().setValue(null);
        appointment.setEnd(Date.from(LocalDateTime.of(2026, 3, 2, 10, 45).toInstant(ZoneOffset.UTC)));
        appointment.getAppointmentType().addCoding(new Coding(CuraEnums.V2_APPOINTMENT_REASON, "FOLLOWUP", null));
        AppointmentRow row = AppointmentMapper.toRow(appointment, context);
        assertThat(row.duration()).isEqualTo(45);
        assertThat(row.type()).isEqualTo("follow_up");
        assertThat(row.title()).isEqualTo("Follow-up");
        assertThat(row.status()).isEqualTo("scheduled");
    }

    @Example
    void appointmentWithoutPatientOrStartIsRefused() {
        Appointment noPatient = minimal();
        noPatient.getParticipant().remove(0);
        assertThatThrownBy(() -> AppointmentMapper.toRow(noPatient, context))
                .hasMessageContaining("must include a Patient");
        Appointment noStart = minimal();
        noStart.setStart(null);
        assertThatThrownBy(() -> AppointmentMapper.toRow(noStart, context))
                .hasMessageContaining("Appointment.start is required");
    }

    private Appointment minimal() {
        Appointment appointment = new Appointment().setStatus(Appointment.AppointmentStatus.ARRIVED);
        appointment.addParticipant().setActor(new Reference("Patient/" + links.resourceId("Patient", 1).get()));
        appointment.addParticipant()
                .setActor(new Reference("Practitioner/" + links.resourceId("Practitioner", 2).get()));
        appointment.setStart(Date.from(LocalDateTime.of(2026, 3, 2, 10, 0).toInstant(ZoneOffset.UTC)));
        return appointment;
    }

    @Provide
    Arbitrary<AppointmentRow> rows() {
        Arbitrary<LocalDateTime> at = Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L)
                .map(seconds -> LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
        Arbitrary<String> status = Arbitraries.of(CuraEnums.APPOINTMENT_STATUS.codes()).map(CuraCode::code);
        Arbitrary<String> type = Arbitraries.of(CuraEnums.APPOINTMENT_TYPE.codes()).map(CuraCode::code);
        return Combinators.combine(
                        Arbitraries.integers().between(1, 10_000), Arbitraries.integers().between(1, 500),
                        Arbitraries.of("doctor", "nurse", "sample_taker").injectNull(0.5), text(4),
                        optionalText(8), at, Arbitraries.integers().between(5, 240), status)
                .as(Partial::new)
                .flatMap(p -> Combinators.combine(type, optionalText(3), Arbitraries.of(true, false))
                        .as((t, location, virtual) -> new AppointmentRow(p.patient, p.provider, p.role, p.title,
                                p.description, p.at, p.duration, p.status, t, location, virtual)));
    }

    private record Partial(int patient, int provider, String role, String title, String description,
            LocalDateTime at, int duration, String status) {}
}
