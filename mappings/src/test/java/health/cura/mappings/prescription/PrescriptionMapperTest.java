package health.cura.mappings.prescription;

import static health.cura.mappings.Generators.optionalText;
import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;

class PrescriptionMapperTest {

    private final InMemoryLinks links = new InMemoryLinks();
    private final MappingContext context = links.context();

    @Property(tries = 500)
    void rowToResourceToRowIsExact(@ForAll("rows") PrescriptionRow row) {
        assertThat(PrescriptionMapper.toRow(PrescriptionMapper.toFhir(row, context), context)).isEqualTo(row);
    }

    /** What Synthea writes: a coded medicine, a structured dose and timing, no text at all. */
    @Example
    void structuredDosageBecomesTheRowsText() {
        MedicationRequest request = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(new CodeableConcept().addCoding(
                new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "314076", "lisinopril 10 MG Oral Tablet")));
        request.setSubject(new Reference("Patient/" + links.resourceId("Patient", 3).get()));
        request.setRequester(new Reference("Practitioner/" + links.resourceId("Practitioner", 4).get()));
        request.addDosageInstruction().setTiming(new Timing().setRepeat(new Timing.TimingRepeatComponent()
                        .setFrequency(1).setPeriod(BigDecimal.ONE).setPeriodUnit(Timing.UnitsOfTime.D)))
                .addDoseAndRate().setDose(new Quantity().setValue(1));

        PrescriptionRow row = PrescriptionMapper.toRow(request, context);

        assertThat(row.medicationName()).isEqualTo("lisinopril 10 MG Oral Tablet");
        assertThat(row.dosage()).isEqualTo("1");
        assertThat(row.frequency()).isEqualTo("1 per 1 d");
        assertThat(row.duration()).isEmpty();
        assertThat(row.status()).isEqualTo("active");
        assertThat(row.patientId()).isEqualTo(3);
        assertThat(row.doctorId()).isEqualTo(4);
    }

    @Example
    void prescriptionWithoutPrescriberIsRefusedNamingRequester() {
        MedicationRequest request = new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setMedication(new CodeableConcept().setText("Paracetamol 500mg tablets"));
        request.setSubject(new Reference("Patient/" + links.resourceId("Patient", 3).get()));
        assertThatThrownBy(() -> PrescriptionMapper.toRow(request, context))
                .hasMessageContaining("MedicationRequest.requester");
    }

    @Provide
    Arbitrary<PrescriptionRow> rows() {
        Arbitrary<String> duration = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 90).map(n -> n + " days"), Arbitraries.just("until review"),
                Arbitraries.just(""));
        Arbitrary<String> status = Arbitraries.of(CuraEnums.PRESCRIPTION_STATUS.codes()).map(CuraCode::code);
        Arbitrary<PrescriptionRow.Pharmacy> pharmacy = Arbitraries.oneOf(
                Arbitraries.just(PrescriptionRow.Pharmacy.NONE),
                Combinators.combine(text(3), Arbitraries.of("rx@pharmacy.test").injectNull(0.5),
                        Arbitraries.of("0113 496 0999").injectNull(0.5)).as(PrescriptionRow.Pharmacy::new));
        Arbitrary<Integer> count = Arbitraries.integers().between(0, 200).injectNull(0.3);
        return Combinators.combine(
                        Arbitraries.integers().between(1, 9999), Arbitraries.integers().between(1, 99),
                        Arbitraries.strings().numeric().ofLength(6).map(n -> "RX" + n), text(5),
                        Arbitraries.oneOf(text(4), Arbitraries.just("")), Arbitraries.oneOf(text(3), Arbitraries.just("")),
                        duration, count)
                .as(Head::new)
                .flatMap(h -> Combinators.combine(count, optionalText(6), optionalText(4), status, pharmacy,
                                optionalText(8))
                        .as((refills, instructions, diagnosis, s, p, notes) -> new PrescriptionRow(h.patient, h.doctor,
                                h.patient % 3 == 0 ? null : h.patient + 1, h.number, h.medication, h.dosage, h.frequency, h.duration, h.quantity, refills,
                                instructions, diagnosis, s, p, notes)));
    }

    private record Head(int patient, int doctor, String number, String medication, String dosage, String frequency,
            String duration, Integer quantity) {}
}
