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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Invoice.InvoiceLineItemComponent;
import org.hl7.fhir.r4.model.Invoice.InvoiceLineItemPriceComponentComponent;
import org.hl7.fhir.r4.model.Invoice.InvoicePriceComponentType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * An {@code invoices} row ⇄ a FHIR Invoice. Every amount is a price component: a line's base (factor = quantity,
 * amount = quantity × unit price to the penny), its discount (a negative amount) and its VAT (factor = rate, code = the
 * VAT category); the invoice's own components are the sums, so that {@code totalNet} (base plus discounts) and
 * {@code totalGross} (net plus VAT) are always the sums of their components.
 */
public final class InvoiceMapper {

    /** A draft's number until {@code $issue} gives it its final one. */
    public static final String PROVISIONAL_PREFIX = "DRAFT-";

    private InvoiceMapper() {}

    /** What a row supplies: number, status, type, subject, date, lines, totals, note and the three extensions. */
    public static OwnedElements<Invoice> owned(MappingContext context) {
        String numbers = CuraCanonical.invoiceNumberSystem(context.subdomain());
        return OwnedElements.of(Invoice.class)
                .element("status", "type", "subject", "date", "lineItem", "totalPriceComponent", "totalNet",
                        "totalGross", "note")
                .items("identifier", Identifier.class, i -> numbers.equals(i.getSystem()))
                .extension(CuraCanonical.SERVICE_DATE_EXTENSION, CuraCanonical.DUE_DATE_EXTENSION,
                        CuraCanonical.PAID_AMOUNT_EXTENSION)
                .build();
    }

    public static boolean isProvisional(String invoiceNumber) {
        return invoiceNumber != null && invoiceNumber.startsWith(PROVISIONAL_PREFIX);
    }

    public static Invoice toFhir(InvoiceRow row, int patientRowId, String currency, MappingContext context) {
        Invoice invoice = new Invoice();
        invoice.addIdentifier()
                .setUse(isProvisional(row.invoiceNumber()) ? Identifier.IdentifierUse.TEMP
                        : Identifier.IdentifierUse.OFFICIAL)
                .setSystem(CuraCanonical.invoiceNumberSystem(context.subdomain()))
                .setValue(row.invoiceNumber());
        setStatus(invoice, row.status());
        invoice.setType(new CodeableConcept().addCoding(new Coding(CuraEnums.INVOICE_TYPE.system(), row.invoiceType(),
                CuraEnums.INVOICE_TYPE.display(row.invoiceType()))));
        Reference subject = References.toRow("Patient", patientRowId, context.links());
        subject.setDisplay(blankToNull(row.patientName()));
        if (row.nhsNumber() != null) {
            subject.setIdentifier(new Identifier().setSystem(NHS_NUMBER).setValue(row.nhsNumber()));
        }
        invoice.setSubject(subject);
        invoice.setDateElement(Instants.toDateTime(row.invoiceDate()));
        if (!row.dateOfService().equals(row.invoiceDate())) {
            invoice.addExtension(CuraCanonical.SERVICE_DATE_EXTENSION, Instants.toDateTime(row.dateOfService()));
        }
        invoice.addExtension(CuraCanonical.DUE_DATE_EXTENSION, Instants.toDateTime(row.dueDate()));
        invoice.addExtension(CuraCanonical.PAID_AMOUNT_EXTENSION, Pence.money(row.paidAmount(), currency));
        int sequence = 1;
        for (InvoiceLine line : row.items()) {
            invoice.addLineItem(lineItem(line, sequence++, currency, context));
        }
        setTotals(invoice, row, currency);
        if (row.notes() != null) {
            invoice.addNote().setText(row.notes());
        }
        return invoice;
    }

    /**
     * Shows the row's totals on the Invoice: the total price components (base, discount, tax), totalNet and
     * totalGross, replacing any it had. The server calls it for an Invoice a client sent with lines alone.
     */
    public static void setTotals(Invoice invoice, InvoiceRow row, String currency) {
        invoice.getTotalPriceComponent().clear();
        addComponent(invoice.addTotalPriceComponent(), InvoicePriceComponentType.BASE, row.subtotal(), currency);
        if (row.discount().signum() != 0) {
            addComponent(invoice.addTotalPriceComponent(), InvoicePriceComponentType.DISCOUNT,
                    row.discount().negate(), currency);
        }
        if (row.tax().signum() != 0) {
            addComponent(invoice.addTotalPriceComponent(), InvoicePriceComponentType.TAX, row.tax(), currency);
        }
        invoice.setTotalNet(Pence.money(row.subtotal().subtract(row.discount()), currency));
        invoice.setTotalGross(Pence.money(row.totalAmount(), currency));
    }

    /** The lines as an Invoice's {@code lineItem}s, numbered from 1. */
    public static List<InvoiceLineItemComponent> lineItems(List<InvoiceLine> lines, String currency,
            MappingContext context) {
        List<InvoiceLineItemComponent> items = new ArrayList<>();
        for (InvoiceLine line : lines) {
            items.add(lineItem(line, items.size() + 1, currency, context));
        }
        return items;
    }

    private static InvoiceLineItemComponent lineItem(InvoiceLine line, int sequence, String currency,
            MappingContext context) {
        InvoiceLineItemComponent item = new InvoiceLineItemComponent().setSequence(sequence);
        CodeableConcept charged = new CodeableConcept().setText(line.description());
        if (line.code() != null) {
            charged.addCoding(new Coding(CuraCanonical.priceListSystem(context.subdomain()), line.code(), null));
        }
        item.setChargeItem(charged);
        item.addExtension(CuraCanonical.UNIT_PRICE_EXTENSION, Pence.money(line.unitPrice(), currency));
        addComponent(item.addPriceComponent(), InvoicePriceComponentType.BASE, line.base(), currency)
                .setFactor(line.quantity());
        if (line.discount().signum() != 0) {
            addComponent(item.addPriceComponent(), InvoicePriceComponentType.DISCOUNT, line.discount().negate(),
                    currency);
        }
        if (line.vatCategory() != null || line.vat().signum() != 0) {
            InvoiceLineItemPriceComponentComponent tax = addComponent(item.addPriceComponent(),
                    InvoicePriceComponentType.TAX, line.vat(), currency);
            tax.setFactor(line.vatRate());
            if (line.vatCategory() != null) {
                tax.setCode(new CodeableConcept().addCoding(new Coding(CuraEnums.VAT_CATEGORY.system(),
                        line.vatCategory(), CuraEnums.VAT_CATEGORY.display(line.vatCategory()))));
            }
            if (line.vatExemptionReason() != null) {
                tax.addExtension(CuraCanonical.VAT_EXEMPTION_EXTENSION, new StringType(line.vatExemptionReason()));
            }
        }
        return item;
    }

    private static InvoiceLineItemPriceComponentComponent addComponent(InvoiceLineItemPriceComponentComponent component,
            InvoicePriceComponentType type, BigDecimal amount, String currency) {
        return component.setType(type).setAmount(Pence.money(amount, currency));
    }

    /** Sets the Invoice's status to a Cura invoice status: the standard code, and the Cura one where it is narrower. */
    public static void setStatus(Invoice invoice, String curaStatus) {
        invoice.getStatusElement().getExtension().removeIf(e -> CuraCanonical.CURA_CODE_EXTENSION.equals(e.getUrl()));
        invoice.setStatus(Invoice.InvoiceStatus.fromCode(
                CuraEnums.INVOICE_STATUS.toStandard(curaStatus).orElseThrow()));
        if (!CuraEnums.INVOICE_STATUS.find(curaStatus).orElseThrow().exact()) {
            CuraCodes.mark(invoice.getStatusElement(), CuraEnums.INVOICE_STATUS, curaStatus);
        }
    }

    /** The patients row of the Invoice's subject; none of this clinic is refused. */
    public static int patientRow(Invoice invoice, MappingContext context) {
        return References.rowId(invoice.getSubject(), "Patient", context.links())
                .orElseThrow(() -> new UnmappableResourceException("Invoice.subject",
                        "Invoice.subject must reference a Patient of this clinic (the patient billed)"));
    }

    /**
     * The row of an Invoice. {@code patient} is the subject's row as it is now; it fills the billed name and NHS number
     * when the subject reference carries neither a display nor an identifier. {@code paidAmount} is the server's (from payments).
     * Dates absent from FHIR are filled by {@link InvoiceDates}.
     */
    public static InvoiceRow toRow(Invoice invoice, BilledPatient patient, InvoiceDates dates, BigDecimal paidAmount,
            String currency, MappingContext context) {
        String status = CuraCodes.read(invoice.getStatusElement(),
                invoice.hasStatus() ? invoice.getStatus().toCode() : null, CuraEnums.INVOICE_STATUS, "Invoice.status");
        boolean credit = isCreditNote(invoice);
        List<InvoiceLine> lines = new ArrayList<>();
        for (int i = 0; i < invoice.getLineItem().size(); i++) {
            lines.add(line(invoice.getLineItem().get(i), "Invoice.lineItem[" + i + "]", credit, currency, context));
        }
        Totals totals = totals(invoice, lines, credit, currency);
        // a subject named by reference alone is billed as the patient's record names them now
        Reference subject = invoice.getSubject();
        boolean byReferenceAlone = !subject.hasDisplay() && !subject.hasIdentifier();
        String name = byReferenceAlone ? patient.name() : blankToNull(subject.getDisplay());
        String nhsNumber = byReferenceAlone ? patient.nhsNumber()
                : subject.hasIdentifier() && NHS_NUMBER.equals(subject.getIdentifier().getSystem())
                        ? blankToNull(subject.getIdentifier().getValue()) : null;
        LocalDateTime invoiceDate = invoice.hasDate() ? Instants.toUtc(invoice.getDate()) : dates.today();
        LocalDateTime serviceDate = dateExtension(invoice, CuraCanonical.SERVICE_DATE_EXTENSION).orElse(invoiceDate);
        LocalDateTime dueDate = dateExtension(invoice, CuraCanonical.DUE_DATE_EXTENSION)
                .orElseGet(() -> dates.dueDate(invoiceDate));
        if (dueDate.isBefore(invoiceDate)) {
            throw new UnmappableResourceException("Invoice.extension('" + CuraCanonical.DUE_DATE_EXTENSION + "')",
                    "The due date of an invoice cannot be before its date");
        }
        return new InvoiceRow(
                invoice.getIdentifier().stream()
                        .filter(i -> CuraCanonical.invoiceNumberSystem(context.subdomain()).equals(i.getSystem()))
                        .map(Identifier::getValue).findFirst().orElse(null),
                patient.number(),
                name == null ? "" : name,
                nhsNumber,
                serviceDate,
                invoiceDate,
                dueDate,
                status,
                type(invoice),
                totals.subtotal(),
                totals.tax(),
                totals.discount(),
                totals.total(),
                paidAmount,
                lines,
                invoice.getNote().stream().map(n -> blankToNull(n.getText())).filter(t -> t != null).findFirst()
                        .orElse(null));
    }

    private static String type(Invoice invoice) {
        if (!invoice.hasType()) {
            return "payment";
        }
        for (Coding coding : invoice.getType().getCoding()) {
            if (CuraEnums.INVOICE_TYPE.system().equals(coding.getSystem())) {
                if (!CuraEnums.INVOICE_TYPE.contains(coding.getCode())) {
                    throw new UnmappableResourceException("Invoice.type", "Invoice.type '" + coding.getCode()
                            + "' is not a Cura invoice type (payment, insurance_claim)");
                }
                return coding.getCode();
            }
        }
        return "payment";
    }

    private static Optional<LocalDateTime> dateExtension(Invoice invoice, String url) {
        Extension extension = invoice.getExtensionByUrl(url);
        if (extension == null) {
            return Optional.empty();
        }
        if (!(extension.getValue() instanceof DateTimeType date) || !date.hasValue()) {
            throw new UnmappableResourceException("Invoice.extension('" + url + "')", "Invoice.extension('" + url
                    + "') needs a valueDateTime");
        }
        return Optional.of(Instants.toUtc(date.getValue()));
    }

    /** A credit note ({@code $void} of an issued invoice) has negative amounts; any other invoice has none. */
    public static boolean isCreditNote(Invoice invoice) {
        return invoice.getExtensionByUrl(CuraCanonical.CREDIT_NOTE_EXTENSION) != null;
    }

    private static InvoiceLine line(InvoiceLineItemComponent item, String path, boolean credit, String currency,
            MappingContext context) {
        if (item.hasChargeItemReference()) {
            throw new UnmappableResourceException(path + ".chargeItem",
                    path + ".chargeItem: name what was charged as a CodeableConcept (a ChargeItem reference is not "
                            + "supported)");
        }
        CodeableConcept charged = item.hasChargeItemCodeableConcept() ? item.getChargeItemCodeableConcept()
                : new CodeableConcept();
        String description = Optional.ofNullable(blankToNull(charged.getText()))
                .or(() -> charged.getCoding().stream().map(c -> blankToNull(c.getDisplay())).filter(d -> d != null)
                        .findFirst())
                .orElseThrow(() -> new UnmappableResourceException(path + ".chargeItem",
                        path + ".chargeItem needs a text or a coding with a display (what was charged)"));
        String code = charged.getCoding().stream()
                .filter(c -> CuraCanonical.priceListSystem(context.subdomain()).equals(c.getSystem()))
                .map(c -> blankToNull(c.getCode())).filter(c -> c != null).findFirst().orElse(null);
        InvoiceLineItemPriceComponentComponent base = null;
        BigDecimal discount = BigDecimal.ZERO.setScale(2);
        BigDecimal vat = BigDecimal.ZERO.setScale(2);
        InvoiceLineItemPriceComponentComponent tax = null;
        for (int i = 0; i < item.getPriceComponent().size(); i++) {
            InvoiceLineItemPriceComponentComponent component = item.getPriceComponent().get(i);
            String at = path + ".priceComponent[" + i + "]";
            if (!component.hasType()) {
                throw new UnmappableResourceException(at + ".type", at + ".type is required");
            }
            switch (component.getType()) {
                case BASE -> {
                    if (base != null) {
                        throw new UnmappableResourceException(at, path + " has more than one base price component");
                    }
                    base = component;
                }
                case DISCOUNT, DEDUCTION -> discount = discount.add(
                        Pence.of(component.getAmount(), currency, at + ".amount").abs());
                case TAX -> {
                    if (tax != null) {
                        throw new UnmappableResourceException(at, path + " has more than one tax price component");
                    }
                    tax = component;
                    vat = Pence.of(component.getAmount(), currency, at + ".amount");
                }
                case INFORMATIONAL -> { }
                default -> throw new UnmappableResourceException(at + ".type", at + ".type '"
                        + component.getType().toCode() + "' is not supported: give the line's base, discount and tax");
            }
        }
        if (base == null) {
            throw new UnmappableResourceException(path + ".priceComponent",
                    path + " needs a base price component (the quantity as its factor, the amount charged)");
        }
        BigDecimal quantity = base.hasFactor() ? base.getFactor() : BigDecimal.ONE;
        if (quantity.signum() <= 0 || quantity.stripTrailingZeros().scale() > 3) {
            throw new UnmappableResourceException(path + ".priceComponent.factor", path
                    + ": the quantity (the base component's factor) must be above zero, with at most three decimals");
        }
        BigDecimal baseAmount = Pence.of(base.getAmount(), currency, path + ".priceComponent.amount");
        if (baseAmount.signum() < 0 && !credit) {
            throw new UnmappableResourceException(path + ".priceComponent.amount",
                    path + ": a base amount cannot be negative (only a credit note's, made by $void)");
        }
        BigDecimal unitPrice = unitPrice(item, quantity, baseAmount, currency, path);
        if (discount.compareTo(baseAmount.abs()) > 0) {
            throw new UnmappableResourceException(path + ".priceComponent", path + ": the discount ("
                    + discount.toPlainString() + ") is more than the line's base (" + baseAmount.toPlainString() + ")");
        }
        String category = null;
        String exemption = null;
        BigDecimal rate = null;
        if (tax != null) {
            category = tax.getCode().getCoding().stream()
                    .filter(c -> CuraEnums.VAT_CATEGORY.system().equals(c.getSystem())).map(Coding::getCode)
                    .findFirst().orElse(null);
            if (category != null && !CuraEnums.VAT_CATEGORY.contains(category)) {
                throw new UnmappableResourceException(path + ".priceComponent.code", "'" + category
                        + "' is not a VAT category (standard, reduced, zero, exempt, outside_scope)");
            }
            rate = tax.hasFactor() ? tax.getFactor() : null;
            Extension reason = tax.getExtensionByUrl(CuraCanonical.VAT_EXEMPTION_EXTENSION);
            exemption = reason != null && reason.getValue() instanceof StringType text ? blankToNull(text.getValue())
                    : null;
        }
        return new InvoiceLine(code, description, quantity, unitPrice, discount, rate, vat, category, exemption);
    }

    private static BigDecimal unitPrice(InvoiceLineItemComponent item, BigDecimal quantity, BigDecimal baseAmount,
            String currency, String path) {
        Extension extension = item.getExtensionByUrl(CuraCanonical.UNIT_PRICE_EXTENSION);
        if (extension == null) {
            return baseAmount.divide(quantity, 2, RoundingMode.HALF_UP);
        }
        if (!(extension.getValue() instanceof Money money)) {
            throw new UnmappableResourceException(path + ".extension('" + CuraCanonical.UNIT_PRICE_EXTENSION + "')",
                    path + ": the unit price needs a valueMoney");
        }
        BigDecimal unit = Pence.of(money, currency, path + ".extension('" + CuraCanonical.UNIT_PRICE_EXTENSION + "')");
        if (Pence.rounded(quantity.multiply(unit)).compareTo(baseAmount) != 0) {
            throw new UnmappableResourceException(path + ".priceComponent.amount", path + ": the base amount "
                    + baseAmount.toPlainString() + " is not the quantity " + quantity.stripTrailingZeros()
                    .toPlainString() + " times the unit price " + unit.toPlainString());
        }
        return unit;
    }

    private record Totals(BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal total) {}

    /**
     * The invoice's totals: its own components when it has them (each must equal the sum of the lines' of its type),
     * else the sums of the lines'; totalNet and totalGross, when given, must agree.
     */
    private static Totals totals(Invoice invoice, List<InvoiceLine> lines, boolean credit, String currency) {
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        BigDecimal lineBase = lines.stream().map(InvoiceLine::base).reduce(zero, BigDecimal::add);
        BigDecimal lineDiscount = lines.stream().map(InvoiceLine::discount).reduce(zero, BigDecimal::add);
        BigDecimal lineTax = lines.stream().map(InvoiceLine::vat).reduce(zero, BigDecimal::add);
        BigDecimal subtotal;
        BigDecimal discount;
        BigDecimal tax;
        if (invoice.hasTotalPriceComponent()) {
            subtotal = zero;
            discount = zero;
            tax = zero;
            for (int i = 0; i < invoice.getTotalPriceComponent().size(); i++) {
                InvoiceLineItemPriceComponentComponent component = invoice.getTotalPriceComponent().get(i);
                String at = "Invoice.totalPriceComponent[" + i + "]";
                if (!component.hasType()) {
                    throw new UnmappableResourceException(at + ".type", at + ".type is required");
                }
                BigDecimal amount = Pence.of(component.getAmount(), currency, at + ".amount");
                switch (component.getType()) {
                    case BASE -> subtotal = subtotal.add(amount);
                    case DISCOUNT, DEDUCTION -> discount = discount.add(amount.abs());
                    case TAX -> tax = tax.add(amount);
                    case INFORMATIONAL -> { }
                    default -> throw new UnmappableResourceException(at + ".type", at + ".type '"
                            + component.getType().toCode() + "' is not supported: give base, discount and tax");
                }
            }
            if (!lines.isEmpty()) {
                agree("Invoice.totalPriceComponent", "base", subtotal, lineBase);
                agree("Invoice.totalPriceComponent", "discount", discount, lineDiscount);
                agree("Invoice.totalPriceComponent", "tax", tax, lineTax);
            }
        } else if (!lines.isEmpty()) {
            subtotal = lineBase;
            discount = lineDiscount;
            tax = lineTax;
        } else if (invoice.hasTotalGross()) {
            subtotal = Pence.of(invoice.getTotalGross(), currency, "Invoice.totalGross");
            discount = zero;
            tax = zero;
        } else {
            throw new UnmappableResourceException("Invoice.lineItem",
                    "An invoice needs lines (lineItem) or totals (totalPriceComponent, totalGross)");
        }
        BigDecimal net = subtotal.subtract(discount);
        BigDecimal total = net.add(tax);
        if (invoice.hasTotalNet()) {
            BigDecimal given = Pence.of(invoice.getTotalNet(), currency, "Invoice.totalNet");
            if (given.compareTo(net) != 0) {
                throw new UnmappableResourceException("Invoice.totalNet", "Invoice.totalNet " + given.toPlainString()
                        + " is not the sum of its base and discount components (" + net.toPlainString() + ")");
            }
        }
        if (invoice.hasTotalGross()) {
            BigDecimal given = Pence.of(invoice.getTotalGross(), currency, "Invoice.totalGross");
            if (given.compareTo(total) != 0) {
                throw new UnmappableResourceException("Invoice.totalGross", "Invoice.totalGross "
                        + given.toPlainString() + " is not the sum of its components (" + total.toPlainString() + ")");
            }
        }
        if (total.signum() < 0 && !credit) {
            throw new UnmappableResourceException("Invoice.totalGross", "An invoice's total cannot be negative");
        }
        if (total.signum() > 0 && credit) {
            throw new UnmappableResourceException("Invoice.totalGross", "A credit note's total cannot be positive");
        }
        return new Totals(subtotal, discount, tax, total);
    }

    private static void agree(String element, String type, BigDecimal invoice, BigDecimal lines) {
        if (invoice.compareTo(lines) != 0) {
            throw new UnmappableResourceException(element, element + ": the " + type + " total "
                    + invoice.toPlainString() + " is not the sum of the lines' " + type + " (" + lines.toPlainString()
                    + ")");
        }
    }

    private static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
}
