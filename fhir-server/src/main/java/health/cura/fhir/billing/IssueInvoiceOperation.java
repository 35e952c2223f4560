package health.cura.fhir.billing;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
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
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * {@code POST /fhir/{clinic}/Invoice/{id}/$issue}: a draft becomes an issued invoice, dated today, due by the clinic's
 * payment terms (or later, if the draft said so), with the next of the clinic's invoice numbers. The number is drawn
 * in the issuing transaction, so the clinic's numbers have no gaps. Issuing an invoice that is issued already answers
 * it as it is.
 */
public class IssueInvoiceOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("issue", "Issue an invoice",
                    "Issues a draft invoice: status issued, dated today, due by the clinic's payment terms, numbered "
                            + "with the clinic's next invoice number (numbers have no gaps). An invoice issued already "
                            + "is answered as it is; a cancelled one cannot be issued (422).")
            .instance("Invoice")
            .changesState()
            .out("return", "Invoice", 1, "1", "the invoice as issued")
            .build();

    private final BillingWrites writes;
    private final BillingClinic clinics;
    private final Clock clock;

    public IssueInvoiceOperation(BillingWrites writes, BillingClinic clinics, Clock clock) {
        this.writes = writes;
        this.clinics = clinics;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ, Interaction.UPDATE),
                RoleNeed.of(ClinicModules.BILLING, StaffAction.EDIT));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$issue", type = Invoice.class, idempotent = false)
    public Invoice issue(@IdParam IdType invoiceId, RequestDetails request) {
        Tenant clinic = clinics.of(request);
        BillingTerms terms = clinics.terms(clinic);
        return writes.inTransaction(() -> {
            BillingWrites.LockedInvoice locked = writes.lockOrNotFound(clinic.id(), invoiceId.getIdPart());
            Invoice invoice = writes.invoice(invoiceId, request);
            switch (locked.status()) {
                case "draft" -> { }
                case "cancelled" -> throw BillingOutcomes.refused("Invoice.status",
                        "A cancelled invoice cannot be issued");
                default -> {
                    return invoice;
                }
            }
            LocalDateTime today = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS);
            InvoiceMapper.setStatus(invoice, "sent");
            invoice.setDateElement(Instants.toDateTime(today));
            LocalDateTime due = today.plusDays(terms.paymentTermDays());
            Extension dueDate = invoice.getExtensionByUrl(CuraCanonical.DUE_DATE_EXTENSION);
            if (dueDate != null && dueDate.getValue() instanceof DateTimeType given && given.hasValue()
                    && Instants.toUtc(given.getValue()).isAfter(due)) {
                due = Instants.toUtc(given.getValue());
            }
            invoice.getExtension().removeIf(e -> CuraCanonical.DUE_DATE_EXTENSION.equals(e.getUrl()));
            invoice.addExtension(CuraCanonical.DUE_DATE_EXTENSION, Instants.toDateTime(due));
            writes.update(invoice, request);
            return writes.invoice(invoiceId, request);
        });
    }
}
