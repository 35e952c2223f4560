package health.cura.mappings.billing;

import health.cura.mappings.UnmappableResourceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.hl7.fhir.r4.model.Money;

/**
 * Amounts of money as the Cura tables hold them: {@code numeric(10,2)}, exact to the penny (or cent), never floating
 * point. An amount FHIR gives with more decimals than that is refused, not rounded: a bill must say what it charges.
 */
public final class Pence {

    /** {@code numeric(10,2)}: below 100,000,000. */
    private static final BigDecimal LIMIT = new BigDecimal("100000000");

    private Pence() {}

    /** The amount at two decimals; more significant decimals, or an amount the column cannot hold, are refused. */
    public static BigDecimal exact(BigDecimal amount, String element) {
        BigDecimal scaled;
        try {
            scaled = amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException notToThePenny) {
            throw new UnmappableResourceException(element, element + ": " + amount.toPlainString()
                    + " is not exact to the penny (at most two decimals)");
        }
        if (scaled.abs().compareTo(LIMIT) >= 0) {
            throw new UnmappableResourceException(element, element + ": " + amount.toPlainString()
                    + " is larger than an invoice can hold");
        }
        return scaled;
    }

    /** A computed amount rounded to the penny, half up: the documented rounding of each invoice line. */
    public static BigDecimal rounded(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    public static Money money(BigDecimal amount, String currency) {
        return new Money().setValue(amount).setCurrency(currency);
    }

    /** The value of a Money in the clinic's currency; another currency, or none with a value, is refused. */
    public static BigDecimal of(Money money, String currency, String element) {
        if (money == null || !money.hasValue()) {
            throw new UnmappableResourceException(element, element + " needs a value");
        }
        if (money.hasCurrency() && !currency.equals(money.getCurrency())) {
            throw new UnmappableResourceException(element, element + ": this clinic bills in " + currency + ", not "
                    + money.getCurrency());
        }
        return exact(money.getValue(), element);
    }
}
