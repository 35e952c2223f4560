package health.cura.fhir.billing;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tenancy.Tenant;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/{clinic}/Invoice/{id}/$record-payment}: a payment of an issued invoice, in full or in part. It
 * writes the {@code payments} row (as a PaymentReconciliation), brings the invoice's paid amount up to date and
 * balances the invoice once nothing is owed. A payment above what is owed is refused; a transaction id the clinic
 * already recorded answers with that first recording and records nothing, so a retry never charges twice.
 */
public class RecordPaymentOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("record-payment", "Record a payment of an invoice",
                    "Records a payment of an issued invoice, in full or in part, and answers the payment as a "
                            + "PaymentReconciliation. The invoice is balanced once nothing is owed. A payment above "
                            + "what is owed is refused (422). Retrying with the same transactionId answers the first "
                            + "recording and records nothing.")
            .instance("Invoice")
            .changesState()
            .in("amount", "Money", 1, "1", "what was paid, above zero, in the clinic's currency")
            .in("method", "code", 1, "1", "cash | card | online | bank_transfer")
            .in("provider", "string", 0, "1", "the card processor, bank or payment service that took it")
            .in("transactionId", "string", 0, "1",
                    "the payment's id at its provider, unique within the clinic; generated when absent")
            .out("return", "PaymentReconciliation", 1, "1", "the payment recorded")
            .build();

    private final BillingClinic clinics;
    private final PaymentRecorder recorder;

    public RecordPaymentOperation(BillingClinic clinics, PaymentRecorder recorder) {
        this.clinics = clinics;
        this.recorder = recorder;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    /** A back-office token that changes invoices and payments; staff need billing create. */
    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ, Interaction.UPDATE)
                        && grant.changesAcrossClinic("PaymentReconciliation", Interaction.CREATE),
                RoleNeed.of(ClinicModules.BILLING, StaffAction.CREATE));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$record-payment", type = Invoice.class, idempotent = false)
    public PaymentReconciliation record(
            @IdParam IdType invoiceId,
            @OperationParam(name = "amount", min = 1) Money amount,
            @OperationParam(name = "method", min = 1) CodeType method,
            @OperationParam(name = "provider") StringType provider,
            @OperationParam(name = "transactionId") StringType transactionId,
            RequestDetails request) {
        Tenant clinic = clinics.of(request);
        BillingTerms terms = clinics.terms(clinic);
        BigDecimal paid = BillingClinic.amount(amount, "amount", terms);
        String how = method == null ? null : method.getValue();
        if (how == null || !CuraEnums.PAYMENT_METHOD.contains(how)) {
            throw BillingOutcomes.badParameter("method", "method must be one of cash, card, online, bank_transfer");
        }
        String transaction = PaymentRecorder.transactionId(transactionId, "PAY-");
        return recorder.record(clinic, invoiceId, request, transaction, (locked, balance) -> {
            if ("draft".equals(locked.status())) {
                throw BillingOutcomes.refused("Invoice.status",
                        "A draft is not paid: issue it first with Invoice/{id}/$issue");
            }
            if ("cancelled".equals(locked.status())) {
                throw BillingOutcomes.refused("Invoice.status", "A cancelled invoice takes no payments");
            }
            return new PaymentRecorder.Movement(balance.pay(paid), paid, terms.currency(), how,
                    provider == null ? null : provider.getValue(), "completed", null);
        });
    }
}
