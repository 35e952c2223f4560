package health.cura.mappings.billing;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.conformance.CuraCanonical;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

class ClaimChecksTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    private static final Coding KNEE = new Coding(CuraCanonical.ICD10_SYSTEM, "M23.2", "Meniscus derangement");
    private static final Coding ARTHROSCOPY = new Coding(CuraCanonical.CCSD_SYSTEM, "W8500", "Knee arthroscopy");

    @Test
    void aCompleteClaimHasNoProblems() {
        assertThat(ClaimChecks.problems(new ClaimChecks.Submission("INV-000012", TODAY.minusMonths(6), "BU123456",
                "Bupa", List.of(KNEE), List.of(ARTHROSCOPY)), TODAY)).isEmpty();
    }

    @Test
    void eachMissingItemIsNamed() {
        List<ClaimChecks.Problem> problems = ClaimChecks.problems(new ClaimChecks.Submission(
                "CLINIC-2026-INVOICE-0001", TODAY.minusMonths(6).minusDays(1), " ", null, List.of(), List.of()),
                TODAY);
        assertThat(problems).extracting(ClaimChecks.Problem::expression).containsExactly("Coverage.subscriberId",
                "Coverage.payor", "diagnosis", "procedure", "Invoice.identifier",
                "Invoice.extension('" + CuraCanonical.SERVICE_DATE_EXTENSION + "')");
        assertThat(problems.get(4).message()).contains("24 characters", "at most 20");
        assertThat(problems.get(5).message()).contains("2026-06-02", "6 months");
    }

    @Test
    void codesFromOtherSystemsOrMalformedAreRefusedByName() {
        List<ClaimChecks.Problem> problems = ClaimChecks.problems(new ClaimChecks.Submission("INV-1", TODAY,
                "BU1", "Bupa", List.of(new Coding("http://snomed.info/sct", "239873007", null),
                        new Coding(CuraCanonical.ICD10_SYSTEM, "knee", null)),
                List.of(new Coding("http://example.org/fees", "F1", null))), TODAY);
        assertThat(problems).extracting(ClaimChecks.Problem::message).containsExactly(
                "The diagnosis 'http://snomed.info/sct|239873007' is not an ICD-10 code",
                "The diagnosis '" + CuraCanonical.ICD10_SYSTEM + "|knee' is not an ICD-10 code",
                "The procedure 'http://example.org/fees|F1' is not a CCSD code (" + CuraCanonical.CCSD_SYSTEM + ")");
        assertThat(ClaimChecks.isIcd10(new Coding(CuraCanonical.ICD10_UK_SYSTEM, "J069", null))).isTrue();
    }
}
