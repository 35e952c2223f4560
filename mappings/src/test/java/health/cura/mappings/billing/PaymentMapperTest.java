package health.cura.mappings.billing;

import static health.cura.mappings.Generators.optionalText;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.PaymentReconciliation;

class PaymentMapperTest {

    private final InMemoryLinks links = new InMemoryLinks();
    private final MappingContext context = links.context();

    @Property(tries = 500)
    void rowToResourceToRowIsExact(@ForAll("rows") PaymentRow row) {
        PaymentReconciliation payment = PaymentMapper.toFhir(row, context);
        PaymentReconciliation parsed = FhirContext.forR4Cached().newJsonParser().parseResource(
                PaymentReconciliation.class, FhirContext.forR4Cached().newJsonParser().encodeResourceToString(payment));
        assertThat(PaymentMapper.toRow(parsed, context)).isEqualTo(row);
    }

    @Example
    void aRefundIsAnAdjustmentWithItsOwnCode() {
        PaymentRow refund = new PaymentRow(12, "RF-1", new BigDecimal("-20.00"), "GBP", "card", "Stripe", "refunded",
                LocalDateTime.of(2026, 12, 3, 10, 15), "Appointment cancelled by the clinic");
        PaymentReconciliation resource = PaymentMapper.toFhir(refund, context);
        assertThat(resource.getDetailFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("adjustment");
        assertThat(resource.getOutcome().toCode()).isEqualTo("complete");
        assertThat(resource.getPaymentDateElement().getValueAsString()).isEqualTo("2026-12-03");
        assertThat(resource.getDisposition()).isEqualTo("Appointment cancelled by the clinic");
        assertThat(PaymentMapper.toRow(resource, context).status()).isEqualTo("refunded");
    }

    @Provide
    Arbitrary<PaymentRow> rows() {
        Arbitrary<LocalDateTime> at = Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L)
                .map(seconds -> LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
        return Combinators.combine(Arbitraries.integers().between(1, 9999),
                        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30),
                        Arbitraries.integers().between(-50_000, 50_000).filter(p -> p != 0)
                                .map(p -> BigDecimal.valueOf(p, 2)),
                        Arbitraries.of("GBP", "EUR"),
                        Arbitraries.of(CuraEnums.PAYMENT_METHOD.codes()).map(CuraCode::code),
                        Arbitraries.of("Stripe", "Worldpay").injectNull(0.5),
                        Arbitraries.of(CuraEnums.PAYMENT_STATUS.codes()).map(CuraCode::code), at)
                .flatAs((invoice, transaction, amount, currency, method, provider, status, when) ->
                        optionalText(6).map(reason -> new PaymentRow(invoice, transaction, amount, currency, method,
                                provider, status, when, reason)));
    }
}
