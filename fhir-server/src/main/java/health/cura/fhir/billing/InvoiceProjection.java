package health.cura.fhir.billing;

import health.cura.conformance.CuraCanonical;
import health.cura.fhir.mapping.BusinessNumbers;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.NumberKind;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.Instants;
import health.cura.mappings.MappingContext;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.billing.BilledPatient;
import health.cura.mappings.billing.InvoiceDates;
import health.cura.mappings.billing.InvoiceMapper;
import health.cura.mappings.billing.InvoiceRow;
import health.cura.mappings.billing.Pence;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Invoice.InvoiceStatus;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Invoice → {@code invoices}. Before an invoice is stored the server gives it what the row needs and the resource
 * should show: its number (a provisional {@code DRAFT-} one while it is a draft; the next of the clinic's
 * {@code INV-} numbers, drawn in the write's transaction so that they have no gaps, once it is issued), its date and
 * due date, the billed patient's name and NHS number, and what has been paid. The life of an invoice only goes
 * forward: an issued invoice is never a draft again, is cancelled only by {@code $void} (which credits it) and is
 * never deleted; a cancelled one stays cancelled; {@code balanced} needs the invoice paid in full.
 */
public class InvoiceProjection implements ResourceProjection {

    /** The request mark of {@code $void}: it alone cancels an issued invoice. */
    public static final String VOIDING = InvoiceProjection.class.getName() + ".voiding";

    private static final Set<InvoiceStatus> ISSUED = EnumSet.of(InvoiceStatus.ISSUED, InvoiceStatus.BALANCED);

    private final LinkedRows rows;
    private final ResourceLinks links;
    private final BusinessNumbers numbers;
    private final ClinicBilling billing;
    private final InvoicePayments payments;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public InvoiceProjection(LinkedRows rows, ResourceLinks links, BusinessNumbers numbers, ClinicBilling billing,
            InvoicePayments payments, JdbcTemplate jdbc, Clock clock) {
        this.rows = rows;
        this.links = links;
        this.numbers = numbers;
        this.billing = billing;
        this.payments = payments;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String resourceType() {
        return "Invoice";
    }

    @Override
    public void prepare(IBaseResource resource, IBaseResource previous, ProjectionContext context) {
        Invoice invoice = (Invoice) resource;
        Invoice before = (Invoice) previous;
        if (!invoice.hasStatus()) {
            throw new UnmappableResourceException("Invoice.status", "Invoice.status is required");
        }
        if (before != null) {
            moveForwardOnly(before.getStatus(), invoice.getStatus(), context);
        }
        if (InvoiceMapper.isCreditNote(invoice) != (before != null && InvoiceMapper.isCreditNote(before))
                && !context.requestMarked(VOIDING)) {
            throw new UnmappableResourceException("Invoice.extension('" + CuraCanonical.CREDIT_NOTE_EXTENSION + "')",
                    "Credit notes are made by Invoice/{id}/$void, and an invoice does not become or stop being one");
        }
        int organizationId = context.organizationId();
        BillingTerms terms = billing.terms(organizationId);
        number(invoice, before, context);
        if (!invoice.hasDate()) {
            invoice.setDateElement(Instants.toDateTime(LocalDateTime.now(clock.withZone(ZoneOffset.UTC))
                    .withNano(0)));
        }
        if (invoice.getExtensionByUrl(CuraCanonical.DUE_DATE_EXTENSION) == null) {
            invoice.addExtension(CuraCanonical.DUE_DATE_EXTENSION, Instants.toDateTime(
                    Instants.toUtc(invoice.getDate()).plusDays(terms.paymentTermDays())));
        }
        MappingContext mapping = context.mappingOf(invoice);
        BilledPatient patient = patient(organizationId, InvoiceMapper.patientRow(invoice, mapping));
        Reference subject = invoice.getSubject();
        if (!subject.hasDisplay() && !subject.hasIdentifier()) {
            subject.setDisplay(patient.name().isEmpty() ? null : patient.name());
            if (patient.nhsNumber() != null) {
                subject.setIdentifier(new Identifier().setSystem(NHS_NUMBER).setValue(patient.nhsNumber()));
            }
        }
        OptionalInt row = before == null ? OptionalInt.empty()
                : links.rowId(organizationId, "Invoice", invoice.getIdElement().getIdPart());
        BigDecimal paid = row.isPresent() ? payments.paid(organizationId, row.getAsInt()) : BigDecimal.ZERO.setScale(2);
        invoice.getExtension().removeIf(e -> CuraCanonical.PAID_AMOUNT_EXTENSION.equals(e.getUrl()));
        invoice.addExtension(CuraCanonical.PAID_AMOUNT_EXTENSION, Pence.money(paid, terms.currency()));
        if (!invoice.hasTotalPriceComponent() || !invoice.hasTotalNet() || !invoice.hasTotalGross()) {
            // the client sent lines (or a gross total) alone: the invoice shows the totals its row holds
            InvoiceMapper.setTotals(invoice, InvoiceMapper.toRow(invoice, patient,
                    new InvoiceDates(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)), terms.paymentTermDays()),
                    paid, terms.currency(), mapping), terms.currency());
        }
    }

    private static void moveForwardOnly(InvoiceStatus from, InvoiceStatus to, ProjectionContext context) {
        if (from == to || from == null) {
            return;
        }
        if (from == InvoiceStatus.CANCELLED || from == InvoiceStatus.ENTEREDINERROR) {
            throw new UnmappableResourceException("Invoice.status", "A cancelled invoice stays cancelled");
        }
        if (ISSUED.contains(from) && to == InvoiceStatus.DRAFT) {
            throw new UnmappableResourceException("Invoice.status", "An issued invoice cannot become a draft again");
        }
        if (ISSUED.contains(from) && (to == InvoiceStatus.CANCELLED || to == InvoiceStatus.ENTEREDINERROR)
                && !context.requestMarked(VOIDING)) {
            throw new UnmappableResourceException("Invoice.status",
                    "An issued invoice is cancelled with Invoice/{id}/$void, which credits it");
        }
    }

    /**
     * The invoice's number: the one it carries or had, else a provisional one for a draft or cancelled invoice;
     * an invoice that is issued (now or as it is created) and has no final number gets the next one.
     */
    private void number(Invoice invoice, Invoice before, ProjectionContext context) {
        String system = CuraCanonical.invoiceNumberSystem(context.tenant().subdomain());
        Optional<Identifier> given = invoice.getIdentifier().stream()
                .filter(i -> system.equals(i.getSystem()) && i.hasValue()).findFirst();
        if (given.isEmpty() && before != null) {
            given = before.getIdentifier().stream().filter(i -> system.equals(i.getSystem()) && i.hasValue())
                    .findFirst().map(Identifier::copy);
            given.ifPresent(invoice.getIdentifier()::add);
        }
        boolean issued = ISSUED.contains(invoice.getStatus());
        if (given.isEmpty()) {
            NumberKind kind = issued ? NumberKind.INVOICE : NumberKind.INVOICE_DRAFT;
            String number = issued ? numbers.nextWithoutGaps(context.organizationId(), kind)
                    : numbers.next(context.organizationId(), kind);
            invoice.addIdentifier().setUse(issued ? Identifier.IdentifierUse.OFFICIAL : Identifier.IdentifierUse.TEMP)
                    .setSystem(system).setValue(number);
        } else if (issued && InvoiceMapper.isProvisional(given.get().getValue())) {
            given.get().setValue(numbers.nextWithoutGaps(context.organizationId(), NumberKind.INVOICE))
                    .setUse(Identifier.IdentifierUse.OFFICIAL);
        }
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        Invoice invoice = (Invoice) resource;
        String resourceId = invoice.getIdElement().getIdPart();
        int organizationId = context.organizationId();
        MappingContext mapping = context.mappingOf(invoice);
        BilledPatient patient = patient(organizationId, InvoiceMapper.patientRow(invoice, mapping));
        BillingTerms terms = billing.terms(organizationId);
        OptionalInt existing = links.rowId(organizationId, "Invoice", resourceId);
        BigDecimal paid = existing.isPresent() ? payments.paid(organizationId, existing.getAsInt())
                : BigDecimal.ZERO.setScale(2);
        InvoiceRow row = InvoiceMapper.toRow(invoice, patient,
                new InvoiceDates(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)), terms.paymentTermDays()), paid,
                terms.currency(), mapping);
        boolean credit = InvoiceMapper.isCreditNote(invoice);
        if ("paid".equals(row.status()) && row.balance().signum() != 0 && !credit) {
            throw new UnmappableResourceException("Invoice.status", "An invoice is balanced only when it is paid in "
                    + "full (" + paid.toPlainString() + " of " + row.totalAmount().toPlainString() + " " + terms.currency()
                    + " paid): record payments with Invoice/{id}/$record-payment");
        }
        if (row.balance().signum() < 0 && !credit) {
            throw new UnmappableResourceException("Invoice.totalGross", "The invoice's total "
                    + row.totalAmount().toPlainString() + " is less than the " + paid.toPlainString()
                    + " already paid: refund the difference first");
        }
        numbers.requireUnused(organizationId, InvoiceMapper.isProvisional(row.invoiceNumber())
                ? NumberKind.INVOICE_DRAFT : NumberKind.INVOICE, row.invoiceNumber(), existing, "Invoice.identifier");
        RowValues values = values(row);
        if (existing.isPresent()) {
            values.set("payments", payments.records(organizationId, existing.getAsInt()));
        } else {
            // who made it: the member of staff signed in, none for a backend service
            values.set("created_by", context.writer().orElse(null));
        }
        rows.save(context, CuraTables.INVOICES, "Invoice", resourceId, existing, values);
    }

    private static RowValues values(InvoiceRow row) {
        return RowValues.of()
                .set("invoice_number", row.invoiceNumber())
                .set("patient_id", row.patientNumber())
                .set("patient_name", row.patientName())
                .set("nhs_number", row.nhsNumber())
                .set("date_of_service", row.dateOfService())
                .set("invoice_date", row.invoiceDate())
                .set("due_date", row.dueDate())
                .set("status", row.status())
                .set("invoice_type", row.invoiceType())
                .set("subtotal", row.subtotal())
                .set("tax", row.tax())
                .set("discount", row.discount())
                .set("total_amount", row.totalAmount())
                .set("paid_amount", row.paidAmount())
                .set("items", InvoiceItemsJson.write(row.items()))
                .set("notes", row.notes());
    }

    /** A draft is cancelled; an issued invoice is kept for the clinic's accounts and voided instead. */
    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        Invoice invoice = (Invoice) resource;
        if (ISSUED.contains(invoice.getStatus())) {
            throw new UnmappableResourceException("Invoice", "An issued invoice is not deleted: it stays in the "
                    + "clinic's accounts; cancel it with Invoice/{id}/$void, which credits it");
        }
        rows.set(context, CuraTables.INVOICES, "Invoice", invoice.getIdElement().getIdPart(),
                RowValues.of().set("status", "cancelled"));
    }

    private BilledPatient patient(int organizationId, int patientRow) {
        return jdbc.query("""
                SELECT patient_id, trim(concat_ws(' ', nullif(first_name, ''), nullif(last_name, ''))), nhs_number
                FROM patients WHERE organization_id = ? AND id = ?""",
                (rs, n) -> new BilledPatient(patientRow, rs.getString(1), rs.getString(2), rs.getString(3)),
                organizationId, patientRow).stream().findFirst().orElseThrow(() -> new UnmappableResourceException(
                        "Invoice.subject", "Invoice.subject must reference a Patient of this clinic"));
    }

    private static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
}
