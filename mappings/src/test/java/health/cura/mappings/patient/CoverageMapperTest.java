package health.cura.mappings.patient;

import static health.cura.mappings.Generators.optionalText;
import static org.assertj.core.api.Assertions.assertThat;

import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.Coverage;

class CoverageMapperTest {

    private final MappingContext context = new InMemoryLinks().context();

    @Property(tries = 500)
    void rowToCoverageToRowIsExact(@ForAll("rows") InsuranceRow row, @ForAll("patients") int patient) {
        Coverage coverage = CoverageMapper.toFhir(row, patient, context);
        assertThat(CoverageMapper.patientRow(coverage, context)).isEqualTo(patient);
        assertThat(CoverageMapper.toRow(coverage)).isEqualTo(row);
    }

    @Provide
    Arbitrary<Integer> patients() {
        return Arbitraries.integers().between(1, 10_000);
    }

    @Provide
    Arbitrary<InsuranceRow> rows() {
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 20_000)
                .map(d -> LocalDate.of(2000, 1, 1).plusDays(d)).injectNull(0.3);
        return Combinators.combine(optionalText(3),
                        Arbitraries.strings().alpha().numeric().ofMinLength(4).ofMaxLength(12).injectNull(0.2),
                        Arbitraries.strings().numeric().ofLength(5).injectNull(0.5), day, day,
                        Arbitraries.of(true, false))
                .as(InsuranceRow::new);
    }
}
