package health.cura.mappings.billing;

import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.CuraCodes;
import health.cura.mappings.Instants;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import java.time.LocalDateTime;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.StringType;

/**
 * A {@code payments} row ⇄ a FHIR PaymentReconciliation: one payment (or refund) of one invoice, as its one detail
 * ({@code type} payment or, for a refund, adjustment; {@code request} the Invoice). {@code created} holds the payment's
 * time; {@code paymentDate} its day.
 */
public final class PaymentMapper {

    public static final String PAYMENT_TYPE = "http://terminology.hl7.org/CodeSystem/payment-type";

    private PaymentMapper() {}

    public static OwnedElements<PaymentReconciliation> owned(MappingContext context) {
        String transactions = CuraCanonical.paymentTransactionSystem(context.subdomain());
        return OwnedElements.of(PaymentReconciliation.class)
                .element("status", "created", "paymentDate", "paymentAmount", "outcome", "disposition", "detail")
                .items("identifier", Identifier.class, i -> transactions.equals(i.getSystem()))
                .extension(CuraCanonical.PAYMENT_METHOD_EXTENSION, CuraCanonical.PAYMENT_PROVIDER_EXTENSION)
                .build();
    }

    public static PaymentReconciliation toFhir(PaymentRow row, MappingContext context) {
        PaymentReconciliation payment = new PaymentReconciliation();
        payment.addIdentifier().setSystem(CuraCanonical.paymentTransactionSystem(context.subdomain()))
                .setValue(row.transactionId());
        payment.setStatus(PaymentReconciliation.PaymentReconciliationStatus.ACTIVE);
        payment.setCreatedElement(new org.hl7.fhir.r4.model.DateTimeType(Instants.toDate(row.paymentDate())));
        payment.getCreatedElement().setTimeZoneZulu(true);
        payment.setPaymentDateElement(new DateType(row.paymentDate().toLocalDate().toString()));
        payment.setPaymentAmount(Pence.money(row.amount(), row.currency()));
        payment.setOutcome(Enumerations.RemittanceOutcome.fromCode(
                CuraEnums.PAYMENT_STATUS.toStandard(row.status()).orElseThrow()));
        if (!CuraEnums.PAYMENT_STATUS.find(row.status()).orElseThrow().exact()) {
            CuraCodes.mark(payment.getOutcomeElement(), CuraEnums.PAYMENT_STATUS, row.status());
        }
        if (row.reason() != null) {
            payment.setDisposition(row.reason());
        }
        payment.addExtension(CuraCanonical.PAYMENT_METHOD_EXTENSION, new CodeType(row.method()));
        if (row.provider() != null) {
            payment.addExtension(CuraCanonical.PAYMENT_PROVIDER_EXTENSION, new StringType(row.provider()));
        }
        PaymentReconciliation.DetailsComponent detail = payment.addDetail();
        detail.getType().addCoding(new Coding(PAYMENT_TYPE, row.isRefund() ? "adjustment" : "payment", null));
        detail.setRequest(References.toRow("Invoice", row.invoiceId(), context.links()));
        detail.setAmount(Pence.money(row.amount(), row.currency()));
        return payment;
    }

    public static PaymentRow toRow(PaymentReconciliation payment, MappingContext context) {
        PaymentReconciliation.DetailsComponent detail = payment.getDetailFirstRep();
        int invoice = References.rowId(detail.getRequest(), "Invoice", context.links())
                .orElseThrow(() -> new UnmappableResourceException("PaymentReconciliation.detail.request",
                        "PaymentReconciliation.detail.request must reference an Invoice of this clinic"));
        if (!payment.hasPaymentAmount() || !payment.getPaymentAmount().hasValue()
                || !payment.getPaymentAmount().hasCurrency()) {
            throw new UnmappableResourceException("PaymentReconciliation.paymentAmount",
                    "PaymentReconciliation.paymentAmount needs a value and a currency");
        }
        String currency = payment.getPaymentAmount().getCurrency();
        String status = CuraCodes.read(payment.getOutcomeElement(),
                payment.hasOutcome() ? payment.getOutcome().toCode() : "complete", CuraEnums.PAYMENT_STATUS,
                "PaymentReconciliation.outcome");
        Extension method = payment.getExtensionByUrl(CuraCanonical.PAYMENT_METHOD_EXTENSION);
        String methodCode = method != null && method.getValue() instanceof CodeType code ? code.getValue() : null;
        if (methodCode == null || !CuraEnums.PAYMENT_METHOD.contains(methodCode)) {
            throw new UnmappableResourceException("PaymentReconciliation.extension('"
                    + CuraCanonical.PAYMENT_METHOD_EXTENSION + "')",
                    "A payment needs its method: cash, card, online or bank_transfer");
        }
        Extension provider = payment.getExtensionByUrl(CuraCanonical.PAYMENT_PROVIDER_EXTENSION);
        LocalDateTime at = payment.hasCreated() ? Instants.toUtc(payment.getCreated())
                : payment.getPaymentDateElement().getValue() == null ? null
                        : Instants.toUtc(payment.getPaymentDate());
        if (at == null) {
            throw new UnmappableResourceException("PaymentReconciliation.created",
                    "PaymentReconciliation.created is required (when the payment was made)");
        }
        return new PaymentRow(
                invoice,
                payment.getIdentifier().stream()
                        .filter(i -> CuraCanonical.paymentTransactionSystem(context.subdomain()).equals(i.getSystem()))
                        .map(Identifier::getValue).findFirst()
                        .orElseThrow(() -> new UnmappableResourceException("PaymentReconciliation.identifier",
                                "A payment needs its transaction id")),
                Pence.exact(payment.getPaymentAmount().getValue(), "PaymentReconciliation.paymentAmount"),
                currency,
                methodCode,
                provider != null && provider.getValue() instanceof StringType text ? blankToNull(text.getValue()) : null,
                status,
                at,
                blankToNull(payment.getDisposition()));
    }
}
