package health.cura.mappings.lab;

import static health.cura.mappings.Generators.optionalText;
import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Reference;

class LabResultMapperTest {

    private final InMemoryLinks links = new InMemoryLinks();
    private final MappingContext context = links.context();

    @Property(tries = 500)
    void rowToReportAndObservationsToRowIsExact(@ForAll("rows") LabResultRow row) {
        LabReport lab = LabResultMapper.toFhir(row, context);
        assertThat(lab.report().getResult()).hasSameSizeAs(lab.results());
        assertThat(LabResultMapper.toRow(lab, OptionalInt.empty(), context)).isEqualTo(row);
    }

    /** Synthea's reports name an Organization as performer: the encounter's practitioner ordered the test. */
    @Example
    void ordererFallsBackToTheEncountersPractitioner() {
        DiagnosticReport report = new DiagnosticReport().setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.getCode().setText("Lipid panel");
        report.setSubject(new Reference("Patient/" + links.resourceId("Patient", 5).get()));
        report.addPerformer(new Reference("Organization/hospital"));
        report.setIssued(new java.util.Date(0));
        LabReport lab = new LabReport(report, List.of());

        assertThat(LabResultMapper.toRow(lab, OptionalInt.of(9), context).orderedBy()).isEqualTo(9);
        assertThatThrownBy(() -> LabResultMapper.toRow(lab, OptionalInt.empty(), context))
                .hasMessageContaining("DiagnosticReport.performer");
    }

    @Provide
    Arbitrary<LabResultRow> rows() {
        Arbitrary<BigDecimal> number = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1000"))
                .ofScale(1);
        Arbitrary<LabValue> numeric = Combinators.combine(text(4), Arbitraries.of("4548-4", "2093-3", "718-7"),
                        Arbitraries.of("mmol/L", "g/dL", "%"), number, number.injectNull(0.3), number.injectNull(0.3),
                        Arbitraries.of("N", "H", "L", "A").injectNull(0.3))
                .as((name, code, unit, value, low, high, flag) ->
                        new LabValue(name, code, "http://loinc.org", value, null, unit, low, high, flag));
        Arbitrary<LabValue> textual = Combinators.combine(text(3), text(4), Arbitraries.of("A").injectNull(0.5))
                .as((name, value, flag) -> new LabValue(name, null, null, null, value, null, null, null, flag));
        Arbitrary<LocalDateTime> at = Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L)
                .map(seconds -> LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
        return Combinators.combine(Arbitraries.integers().between(1, 5000), Arbitraries.integers().between(1, 50),
                        Arbitraries.strings().numeric().ofLength(6).map(n -> "LAB" + n), text(4), at,
                        Arbitraries.oneOf(numeric, textual).list().ofMaxSize(6),
                        Arbitraries.of(CuraEnums.LAB_RESULT_STATUS.codes()).map(CuraCode::code), optionalText(10))
                .as(LabResultRow::new);
    }
}
