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
 * {@code POST /fhir/{clinic}/Invoice/{id}/$refund}: gives back part or all of what was paid on an invoice, never more.
 * The refund is a {@code payments} row of its own (negative, {@code refunded}); an invoice that was paid in full and
 * is owed money again goes back to issued.
 */
public class RefundOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("refund", "Refund a payment of an invoice",
                    "Refunds part or all of what was paid on an invoice (never more), answered as a "
                            + "PaymentReconciliation with a negative amount. Retrying with the same transactionId "
                            + "answers the first recording and refunds nothing more.")
            .instance("Invoice")
            .changesState()
            .in("amount", "Money", 1, "1", "what is given back, above zero, in the clinic's currency")
            .in("reason", "string", 1, "1", "why, as the clinic's records and the patient are told")
            .in("method", "code", 0, "1",
                    "cash | card | online | bank_transfer; the method of the invoice's last payment when absent")
            .in("transactionId", "string", 0, "1", "the refund's id at its provider; generated when absent")
            .out("return", "PaymentReconciliation", 1, "1", "the refund recorded")
            .build();

    private final BillingClinic clinics;
    private final PaymentRecorder recorder;
    private final InvoicePayments payments;

    public RefundOperation(BillingClinic clinics, PaymentRecorder recorder, InvoicePayments payments) {
        this.clinics = clinics;
        this.recorder = recorder;
        this.payments = payments;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    /** As {@code $record-payment}: staff need billing edit, since a refund changes what was recorded. */
    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ, Interaction.UPDATE)
                        && grant.changesAcrossClinic("PaymentReconciliation", Interaction.CREATE),
                RoleNeed.of(ClinicModules.BILLING, StaffAction.EDIT));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$refund", type = Invoice.class, idempotent = false)
    public PaymentReconciliation refund(
            @IdParam IdType invoiceId,
            @OperationParam(name = "amount", min = 1) Money amount,
            @OperationParam(name = "reason", min = 1) StringType reason,
            @OperationParam(name = "method") CodeType method,
            @OperationParam(name = "transactionId") StringType transactionId,
            RequestDetails request) {
        Tenant clinic = clinics.of(request);
        BillingTerms terms = clinics.terms(clinic);
        BigDecimal refunded = BillingClinic.amount(amount, "amount", terms);
        if (reason == null || reason.getValue() == null || reason.getValue().isBlank()) {
            throw BillingOutcomes.badParameter("reason", "reason is required: why the money is given back");
        }
        String how = method == null ? null : method.getValue();
        if (how != null && !CuraEnums.PAYMENT_METHOD.contains(how)) {
            throw BillingOutcomes.badParameter("method", "method must be one of cash, card, online, bank_transfer");
        }
        String transaction = PaymentRecorder.transactionId(transactionId, "RF-");
        return recorder.record(clinic, invoiceId, request, transaction, (locked, balance) -> {
            String refundMethod = how != null ? how : payments.lastMethod(clinic.id(), locked.rowId()).orElseThrow(() ->
                    BillingOutcomes.refused("amount", "Nothing has been paid on this invoice"));
            return new PaymentRecorder.Movement(balance.refund(refunded), refunded, terms.currency(), refundMethod,
                    null, "refunded", reason.getValue().trim());
        });
    }
}
