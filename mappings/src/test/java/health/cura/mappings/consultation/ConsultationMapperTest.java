package health.cura.mappings.consultation;

import static health.cura.mappings.Generators.optionalText;
import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;

import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

class ConsultationMapperTest {

    private final InMemoryLinks links = new InMemoryLinks();
    private final MappingContext context = links.context();

    @Property(tries = 500)
    void rowToRecordToRowIsExact(@ForAll("rows") ConsultationRow row) {
        assertThat(ConsultationMapper.toRow(ConsultationMapper.toFhir(row, context), context)).isEqualTo(row);
    }

    /** A blood pressure panel's systolic and diastolic components are vital signs of their own. */
    @Example
    void bloodPressureComponentsAreFlattened() {
        Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setSubject(new Reference("Patient/" + links.resourceId("Patient", 1).get()));
        encounter.addParticipant().setIndividual(new Reference("Practitioner/" + links.resourceId("Practitioner", 2)
                .get()));
        encounter.getPeriod().setStart(new java.util.Date(0)).setEnd(new java.util.Date(15 * 60_000));
        Observation pressure = new Observation();
        pressure.setCode(new CodeableConcept().addCoding(new Coding(ConsultationMapper.LOINC, "85354-9", "BP panel")));
        pressure.addComponent().setCode(new CodeableConcept().addCoding(
                new Coding(ConsultationMapper.LOINC, "8480-6", "Systolic blood pressure")))
                .setValue(new Quantity().setValue(128).setUnit("mm[Hg]"));
        pressure.addComponent().setCode(new CodeableConcept().addCoding(
                new Coding(ConsultationMapper.LOINC, "8462-4", "Diastolic blood pressure")))
                .setValue(new Quantity().setValue(82).setUnit("mm[Hg]"));

        ConsultationRow row = ConsultationMapper.toRow(new ConsultationRecord(encounter, List.of(pressure), List.of()),
                context);

        assertThat(row.vitals()).containsOnlyKeys("8480-6", "8462-4");
        assertThat(row.vitals().get("8480-6").value()).isEqualByComparingTo("128");
        assertThat(row.duration()).isEqualTo(15);
        assertThat(row.status()).isEqualTo("completed");
        assertThat(row.consultationType()).isEqualTo("AMB");
    }

    @Provide
    Arbitrary<ConsultationRow> rows() {
        Arbitrary<LocalDateTime> at = Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L)
                .map(seconds -> LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
        Arbitrary<Map<String, ConsultationRow.VitalSign>> vitals = Arbitraries.maps(
                Arbitraries.of("8867-4", "8310-5", "29463-7", "8302-2", "9279-1", "2708-6"),
                Combinators.combine(text(3), Arbitraries.bigDecimals().between(BigDecimal.ONE, new BigDecimal("300"))
                        .ofScale(1), Arbitraries.of("/min", "Cel", "kg", "cm", "%"))
                        .as(ConsultationRow.VitalSign::new)).ofMaxSize(4);
        return Combinators.combine(Arbitraries.integers().between(1, 999).injectNull(0.5),
                        Arbitraries.integers().between(1, 999), Arbitraries.integers().between(1, 99),
                        Arbitraries.of("AMB", "VR", "EMER", "HH", "general"), optionalText(5), vitals,
                        text(4).list().uniqueElements().ofMaxSize(3),
                        Arbitraries.of("scheduled", "in_progress", "completed", "cancelled"))
                .as(Head::new)
                .flatMap(h -> Combinators.combine(at, Arbitraries.integers().between(5, 120).injectNull(0.3))
                        .as((start, minutes) -> new ConsultationRow(h.appointment, h.patient, h.provider, h.type,
                                h.complaint, h.vitals, h.diagnosis, h.status, start,
                                minutes == null ? null : start.plusMinutes(minutes), minutes)));
    }

    private record Head(Integer appointment, int patient, int provider, String type, String complaint,
            Map<String, ConsultationRow.VitalSign> vitals, List<String> diagnosis, String status) {}
}
