package health.cura.fhir.billing;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.Instants;
import health.cura.mappings.billing.InvoiceMapper;
import health.cura.mappings.billing.Pence;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Invoice.InvoicePriceComponentType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/{clinic}/Invoice/{id}/$void}: cancels an invoice. A draft is simply cancelled. An issued invoice
 * keeps its number in the clinic's accounts and is credited: a credit note (the next invoice number, negative
 * amounts, balanced) cancels it, so the numbering keeps no gap. An invoice with money paid on it is refunded first.
 * Voiding a cancelled invoice answers it as it is.
 */
public class VoidInvoiceOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("void", "Void an invoice",
                    "Cancels an invoice: a draft is cancelled; an issued invoice is credited by a credit note (the "
                            + "clinic's next invoice number, negative amounts) and cancelled. An invoice with money "
                            + "paid on it must be refunded first (422).")
            .instance("Invoice")
            .changesState()
            .in("reason", "string", 1, "1", "why the invoice is voided")
            .out("invoice", "Invoice", 1, "1", "the invoice, cancelled")
            .out("creditNote", "Invoice", 0, "1", "the credit note, when the invoice had been issued")
            .build();

    private final BillingWrites writes;
    private final BillingClinic clinics;
    private final InvoicePayments payments;
    private final Clock clock;

    public VoidInvoiceOperation(BillingWrites writes, BillingClinic clinics, InvoicePayments payments, Clock clock) {
        this.writes = writes;
        this.clinics = clinics;
        this.payments = payments;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ,
                        Interaction.UPDATE, Interaction.CREATE),
                RoleNeed.of(ClinicModules.BILLING, StaffAction.EDIT));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$void", type = Invoice.class, idempotent = false)
    public Parameters voidInvoice(@IdParam IdType invoiceId, @OperationParam(name = "reason", min = 1) StringType reason,
            RequestDetails request) {
        if (reason == null || reason.getValue() == null || reason.getValue().isBlank()) {
            throw BillingOutcomes.badParameter("reason", "reason is required: why the invoice is voided");
        }
        String why = reason.getValue().trim();
        Tenant clinic = clinics.of(request);
        BillingTerms terms = clinics.terms(clinic);
        return writes.inTransaction(() -> {
            BillingWrites.LockedInvoice locked = writes.lockOrNotFound(clinic.id(), invoiceId.getIdPart());
            Invoice invoice = writes.invoice(invoiceId, request);
            Parameters answer = new Parameters();
            if ("cancelled".equals(locked.status())) {
                answer.addParameter().setName("invoice").setResource(invoice);
                return answer;
            }
            BigDecimal paid = payments.paid(clinic.id(), locked.rowId());
            if (paid.signum() != 0) {
                throw BillingOutcomes.refused("Invoice", paid.toPlainString() + " " + terms.currency()
                        + " has been paid on this invoice: refund it with Invoice/{id}/$refund before voiding it");
            }
            Invoice credit = null;
            if (!"draft".equals(locked.status())) {
                credit = creditNote(invoice, why, terms.currency());
                String creditId = writes.create(credit, request, InvoiceProjection.VOIDING);
                credit = writes.read(Invoice.class, creditId, request);
                invoice.addNote().setText("Voided: " + why + "; credited by " + number(credit, clinic));
            } else {
                invoice.addNote().setText("Voided: " + why);
            }
            InvoiceMapper.setStatus(invoice, "cancelled");
            writes.update(invoice, request, InvoiceProjection.VOIDING);
            answer.addParameter().setName("invoice").setResource(writes.invoice(invoiceId, request));
            if (credit != null) {
                answer.addParameter().setName("creditNote").setResource(credit);
            }
            return answer;
        });
    }

    /** One line that takes back the invoice's net amount and its VAT. */
    private Invoice creditNote(Invoice invoice, String why, String currency) {
        BigDecimal net = invoice.getTotalNet().getValue();
        BigDecimal vat = invoice.getTotalGross().getValue().subtract(net);
        String credited = invoice.getIdentifier().stream().map(Identifier::getValue).findFirst().orElse("");
        Invoice credit = new Invoice();
        InvoiceMapper.setStatus(credit, "paid");
        credit.setType(invoice.getType().copy());
        credit.setSubject(invoice.getSubject().copy());
        credit.setDateElement(Instants.toDateTime(
                LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS)));
        credit.addExtension(CuraCanonical.CREDIT_NOTE_EXTENSION, new Reference("Invoice/"
                + invoice.getIdElement().getIdPart()).setDisplay(credited));
        Invoice.InvoiceLineItemComponent line = credit.addLineItem().setSequence(1);
        line.getChargeItemCodeableConcept().setText("Credit for invoice " + credited);
        line.addPriceComponent().setType(InvoicePriceComponentType.BASE).setFactor(BigDecimal.ONE)
                .setAmount(Pence.money(net.negate(), currency));
        credit.addTotalPriceComponent().setType(InvoicePriceComponentType.BASE)
                .setAmount(Pence.money(net.negate(), currency));
        if (vat.signum() != 0) {
            line.addPriceComponent().setType(InvoicePriceComponentType.TAX).setAmount(Pence.money(vat.negate(), currency));
            credit.addTotalPriceComponent().setType(InvoicePriceComponentType.TAX)
                    .setAmount(Pence.money(vat.negate(), currency));
        }
        credit.setTotalNet(Pence.money(net.negate(), currency));
        credit.setTotalGross(Pence.money(invoice.getTotalGross().getValue().negate(), currency));
        credit.addNote().setText(why);
        return credit;
    }

    private static String number(Invoice invoice, Tenant clinic) {
        String system = CuraCanonical.invoiceNumberSystem(clinic.subdomain());
        return invoice.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue)
                .findFirst().orElse("a credit note");
    }
}
