package health.cura.mappings.billing;

import java.math.BigDecimal;

/**
 * One line of {@code invoices.items}: what was charged, how many, at what unit price, less a discount, plus VAT. The
 * line's amounts are exact to the penny; its base is the quantity times the unit price, rounded half up once per line.
 *
 * @param code         the clinic's price list code, if the line comes from it
 * @param quantity     how many units (at most three decimals: 0.5 hours)
 * @param discount     taken off the base, zero or more
 * @param vatRate      the VAT rate as a fraction (0.20), null when the line is exempt or outside the scope of VAT
 * @param vatCategory  a {@code vat-category} code, or null when the line says nothing about VAT
 * @param vatExemptionReason why a line has no or a reduced rate, as written on the invoice
 */
public record InvoiceLine(
        String code,
        String description,
        BigDecimal quantity,
        BigDecimal unitPrice,
        BigDecimal discount,
        BigDecimal vatRate,
        BigDecimal vat,
        String vatCategory,
        String vatExemptionReason) {

    /** The quantity times the unit price, to the penny. */
    public BigDecimal base() {
        return Pence.rounded(quantity.multiply(unitPrice));
    }

    /** What the line adds to the invoice: base less discount plus VAT. */
    public BigDecimal total() {
        return base().subtract(discount).add(vat);
    }
}
