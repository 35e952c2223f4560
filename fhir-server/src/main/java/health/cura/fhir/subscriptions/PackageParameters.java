package health.cura.fhir.subscriptions;

import health.cura.fhir.operations.Refusals;
import java.math.BigDecimal;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.StringType;

/** What {@code $create-package} and {@code $update-package} share: their parameters, checked. */
final class PackageParameters {

    static final Set<String> BILLING_CYCLES = Set.of("monthly", "yearly");

    private PackageParameters() {}

    static String name(StringType name) {
        String value = name == null || name.getValue() == null ? "" : name.getValue().trim();
        if (value.isEmpty() || value.length() > 200) {
            throw Refusals.badParameter("name", "name is the package's name, 1 to 200 characters");
        }
        return value;
    }

    /** The price in the platform's currency, exact to the penny. */
    static BigDecimal price(Money price, String currency) {
        if (price == null || price.getValue() == null) {
            throw Refusals.badParameter("price", "price is the package's price per billing cycle, a Money");
        }
        if (price.hasCurrency() && !currency.equals(price.getCurrency())) {
            throw Refusals.badParameter("price", "The platform bills in " + currency + ", not " + price.getCurrency());
        }
        BigDecimal value = price.getValue();
        if (value.signum() < 0) {
            throw Refusals.badParameter("price", "price is not negative");
        }
        if (value.scale() > 2 || value.compareTo(new BigDecimal("99999999.99")) > 0) {
            throw Refusals.badParameter("price", "price is at most 99,999,999.99, to the penny");
        }
        return value.setScale(2);
    }

    static String billingCycle(CodeType cycle) {
        String value = cycle == null || cycle.getValue() == null ? "monthly" : cycle.getValue();
        if (!BILLING_CYCLES.contains(value)) {
            throw Refusals.badParameter("billingCycle", "billingCycle is monthly or yearly, not '" + value + "'");
        }
        return value;
    }
}
