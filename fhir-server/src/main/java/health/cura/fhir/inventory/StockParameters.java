package health.cura.fhir.inventory;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import health.cura.fhir.operations.Refusals;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.StringType;

/** The stock operations' parameters, read or refused (400) with the parameter named. */
final class StockParameters {

    /** Unit costs are kept to a hundredth of a penny: a box of 100 gloves at 4.99 costs 0.0499 a glove. */
    static final int COST_DECIMALS = 4;

    private StockParameters() {}

    static int positive(IntegerType quantity, String parameter) {
        int value = required(quantity, parameter);
        if (value <= 0) {
            throw Refusals.badParameter(parameter, parameter + " must be above zero, not " + value);
        }
        return value;
    }

    static int nonZero(IntegerType quantity, String parameter) {
        int value = required(quantity, parameter);
        if (value == 0) {
            throw Refusals.badParameter(parameter, parameter + " must not be zero: positive adds to stock, "
                    + "negative takes from it");
        }
        return value;
    }

    static int required(IntegerType quantity, String parameter) {
        if (quantity == null || quantity.getValue() == null) {
            throw Refusals.badParameter(parameter, parameter + " is required: a whole number of units");
        }
        return quantity.getValue();
    }

    /** Trimmed text, null when absent or blank; refused above {@code max} characters. */
    static String text(StringType value, String parameter, int max) {
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            return null;
        }
        String text = value.getValue().trim();
        if (text.length() > max) {
            throw Refusals.badParameter(parameter, parameter + " is at most " + max + " characters");
        }
        return text;
    }

    static String requiredText(StringType value, String parameter, int max, String what) {
        String text = text(value, parameter, max);
        if (text == null) {
            throw Refusals.badParameter(parameter, parameter + " is required: " + what);
        }
        return text;
    }

    /** A full date, nothing coarser; null when absent. */
    static LocalDate day(DateType given, String parameter) {
        if (given == null || given.getValue() == null) {
            return null;
        }
        if (given.getPrecision() != TemporalPrecisionEnum.DAY) {
            throw Refusals.badParameter(parameter, parameter + " must be a full date (YYYY-MM-DD), not '"
                    + given.getValueAsString() + "'");
        }
        return LocalDate.parse(given.getValueAsString());
    }

    /** A cost of zero or more in the clinic's currency, to at most four decimals; null when absent. */
    static BigDecimal cost(Money cost, String parameter, String currency) {
        if (cost == null) {
            return null;
        }
        if (!cost.hasValue()) {
            throw Refusals.badParameter(parameter, parameter + " needs a value");
        }
        if (cost.hasCurrency() && !currency.equals(cost.getCurrency())) {
            throw Refusals.badParameter(parameter, "The clinic keeps its accounts in " + currency + ", not "
                    + cost.getCurrency());
        }
        BigDecimal value = cost.getValue();
        if (value.signum() < 0) {
            throw Refusals.badParameter(parameter, parameter + " must not be negative");
        }
        if (value.stripTrailingZeros().scale() > COST_DECIMALS) {
            throw Refusals.badParameter(parameter, parameter + " has at most " + COST_DECIMALS + " decimals");
        }
        return value;
    }
}
