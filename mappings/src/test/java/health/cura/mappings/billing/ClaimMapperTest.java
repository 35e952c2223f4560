package health.cura.mappings.billing;

import static health.cura.mappings.Generators.optionalText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.UnmappableResourceException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Reference;

class ClaimMapperTest {

    private static final IParser JSON = FhirContext.forR4Cached().newJsonParser();

    private final InMemoryLinks links = new InMemoryLinks();
    private final MappingContext context = links.context();

    @Property(tries = 500)
    void rowToClaimAndResponseToRowIsExact(@ForAll("rows") ClaimRow row) {
        Claim claim = JSON.parseResource(Claim.class, JSON.encodeResourceToString(
                ClaimMapper.toFhir(row, "GBP", context)));
        ClaimResponse response = ClaimMapper.toFhirResponse(row, new Reference("Claim/1"), "GBP", context)
                .map(r -> JSON.parseResource(ClaimResponse.class, JSON.encodeResourceToString(r))).orElse(null);
        assertThat(response != null).isEqualTo(row.isDecided());
        assertThat(ClaimMapper.toRow(claim, response, "GBP", context)).isEqualTo(row);
    }

    @Example
    void aPartPaymentShowsWhatTheInsurerPaidAgainstWhatWasClaimed() {
        ClaimRow row = new ClaimRow(4, "CLM-000001", LocalDateTime.of(2026, 11, 20, 9, 0),
                LocalDateTime.of(2026, 11, 21, 10, 0), new BigDecimal("250.00"), "partially_paid",
                new BigDecimal("180.00"), LocalDateTime.of(2026, 12, 1, 8, 30), null, "Bupa",
                List.of(new ClaimProcedure("A1234", "Consultation")));
        ClaimResponse response = ClaimMapper.toFhirResponse(row, new Reference("Claim/1"), "GBP", context)
                .orElseThrow();
        assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.PARTIAL);
        assertThat(response.getPayment().getAmount().getValue()).isEqualByComparingTo("180.00");
        assertThat(response.getPayment().getType().getCodingFirstRep().getCode()).isEqualTo("partial");
        assertThat(response.getTotal()).extracting(t -> t.getCategory().getCodingFirstRep().getCode())
                .containsExactly("submitted", "benefit");
        assertThat(response.getPayment().getDateElement().getValueAsString()).isEqualTo("2026-12-01");
        Claim claim = ClaimMapper.toFhir(row, "GBP", context);
        assertThat(claim.getStatus()).isEqualTo(Claim.ClaimStatus.ACTIVE);
        assertThat(claim.getInsurer().getDisplay()).isEqualTo("Bupa");
        assertThat(claim.getItemFirstRep().getProductOrService().getCodingFirstRep().getCode()).isEqualTo("A1234");
    }

    @Example
    void aDeniedClaimCarriesItsReasonAndAPendingOneIsADraftWithNoResponse() {
        ClaimRow denied = new ClaimRow(4, "CLM-2", LocalDateTime.of(2026, 11, 20, 9, 0),
                LocalDateTime.of(2026, 11, 21, 10, 0), new BigDecimal("90.00"), "denied", null, null,
                "Policy lapsed", "AXA Health", List.of());
        ClaimResponse response = ClaimMapper.toFhirResponse(denied, new Reference("Claim/2"), "GBP", context)
                .orElseThrow();
        assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.ERROR);
        assertThat(response.getDisposition()).isEqualTo("Policy lapsed");
        ClaimRow pending = new ClaimRow(4, "CLM-3", denied.serviceDate(), denied.submissionDate(), denied.amount(),
                "pending", null, null, null, "AXA Health", List.of());
        assertThat(ClaimMapper.toFhir(pending, "GBP", context).getStatus()).isEqualTo(Claim.ClaimStatus.DRAFT);
        assertThat(ClaimMapper.toFhirResponse(pending, new Reference("Claim/3"), "GBP", context)).isEmpty();
    }

    @Example
    void aClaimInAnotherCurrencyOrWithdrawnIsRefusedNamingTheElement() {
        ClaimRow row = new ClaimRow(4, "CLM-4", LocalDateTime.of(2026, 11, 20, 9, 0),
                LocalDateTime.of(2026, 11, 21, 10, 0), new BigDecimal("90.00"), "submitted", null, null, null,
                "Vitality", List.of());
        Claim euros = ClaimMapper.toFhir(row, "EUR", context);
        assertThatThrownBy(() -> ClaimMapper.toRow(euros, "GBP", context))
                .isInstanceOf(UnmappableResourceException.class).hasMessageContaining("Claim.total");
        Claim withdrawn = ClaimMapper.toFhir(row, "GBP", context).setStatus(Claim.ClaimStatus.CANCELLED);
        assertThatThrownBy(() -> ClaimMapper.toRow(withdrawn, "GBP", context))
                .isInstanceOf(UnmappableResourceException.class).hasMessageContaining("Claim.status");
    }

    @Provide
    Arbitrary<ClaimRow> rows() {
        Arbitrary<LocalDateTime> at = Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L)
                .map(seconds -> LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
        Arbitrary<BigDecimal> amount = Arbitraries.integers().between(1, 5_000_000).map(p -> BigDecimal.valueOf(p, 2));
        Arbitrary<ClaimProcedure> procedure = Combinators.combine(
                Arbitraries.strings().withCharRange('A', 'Z').ofLength(1),
                Arbitraries.strings().numeric().ofLength(4), optionalText(4))
                .as((letter, digits, display) -> new ClaimProcedure(letter + digits, display));
        return Combinators.combine(Arbitraries.integers().between(1, 9999),
                        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20), at, at, amount,
                        Arbitraries.of("pending", "submitted", "approved", "denied", "partially_paid", "paid"),
                        Arbitraries.of("Bupa", "AXA Health", "Aviva", "Vitality"), procedure.list().ofMaxSize(4))
                .flatAs((patient, number, service, submitted, claimed, status, insurer, procedures) -> {
                    boolean decided = ClaimRow.DECIDED.contains(status);
                    Arbitrary<BigDecimal> paid = decided && !"denied".equals(status) ? amount.injectNull(0.3)
                            : Arbitraries.just(null);
                    Arbitrary<String> reason = "denied".equals(status) ? optionalText(6) : Arbitraries.just(null);
                    return Combinators.combine(paid, at, reason).as((payment, paidAt, why) -> new ClaimRow(patient,
                            "CLM-" + number, service, submitted, claimed, status, payment,
                            payment == null ? null : paidAt, why, insurer, procedures));
                });
    }
}
