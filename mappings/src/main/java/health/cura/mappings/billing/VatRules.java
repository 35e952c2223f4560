package health.cura.mappings.billing;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * How a clinic charges VAT on a line of a given {@code vat-category}. A clinic that is not VAT-registered charges none
 * (the line says so). A registered clinic charges its rate for the category: in the UK by default 20% standard, 5%
 * reduced, 0% zero (medicines dispensed on prescription may be zero-rated), and nothing on exempt lines (care by a
 * registered health professional whose primary purpose is health, VAT Act 1994 Schedule 9 Group 7); EU clinics give
 * their own country's rates. The exemption reason a line carries is the clinic's, else the UK default wording.
 *
 * @param registered whether the clinic is registered for VAT
 * @param rates      the rate (a fraction: 0.20) of each category the clinic charges
 * @param exemptionReason the reason written on exempt lines
 */
public record VatRules(boolean registered, Map<String, BigDecimal> rates, String exemptionReason) {

    public static final String UK_EXEMPTION = "Exempt from VAT: medical care by a registered health professional "
            + "(VAT Act 1994, Schedule 9, Group 7)";

    public static final Map<String, BigDecimal> UK_RATES = Map.of("standard", new BigDecimal("0.20"), "reduced",
            new BigDecimal("0.05"), "zero", new BigDecimal("0.00"));

    public VatRules {
        rates = Map.copyOf(rates);
    }

    public static VatRules notRegistered() {
        return new VatRules(false, Map.of(), UK_EXEMPTION);
    }

    /** What VAT a line of the category carries. */
    public Treatment treat(String category) {
        if (!registered) {
            return new Treatment("outside_scope", null, "No VAT charged: the clinic is not registered for VAT");
        }
        if ("exempt".equals(category)) {
            return new Treatment("exempt", null, exemptionReason);
        }
        if ("outside_scope".equals(category)) {
            return new Treatment("outside_scope", null, null);
        }
        BigDecimal rate = Optional.ofNullable(rates.get(category)).orElseThrow(() -> new IllegalArgumentException(
                "The clinic has no VAT rate for '" + category + "'"));
        return new Treatment(category, rate, null);
    }

    /** The VAT of a line: its category, its rate (null when none is charged) and why none is, if so. */
    public record Treatment(String category, BigDecimal rate, String reason) {

        /** The VAT on a net amount (base less discount), rounded half up to the penny once per line. */
        public BigDecimal on(BigDecimal net) {
            return rate == null ? BigDecimal.ZERO.setScale(2) : Pence.rounded(net.multiply(rate));
        }
    }

    /** A priced line: the price list's unit price times the quantity, less the discount, plus VAT by these rules. */
    public InvoiceLine line(String code, String description, BigDecimal quantity, BigDecimal unitPrice,
            BigDecimal discount, String category) {
        Treatment vat = treat(category);
        BigDecimal base = Pence.rounded(quantity.multiply(unitPrice));
        return new InvoiceLine(code, description, quantity, unitPrice, discount, vat.rate(),
                vat.on(base.subtract(discount)), vat.category(), vat.reason());
    }
}
