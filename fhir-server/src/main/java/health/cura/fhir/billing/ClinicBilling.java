package health.cura.fhir.billing;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A clinic's {@link BillingTerms}, from {@code organizations.settings.billing} ({@code currency},
 * {@code paymentTermDays}) where the clinic set them, else from its region: UK pounds, EU euros, US dollars, ME UAE
 * dirhams, SA Saudi riyals; 30 days to pay. Read on each use (one indexed row), so a change applies at once.
 */
@Component
public class ClinicBilling {

    static final int DEFAULT_PAYMENT_TERM_DAYS = 30;

    private static final Map<String, String> CURRENCY_OF_REGION = Map.of(
            "UK", "GBP", "EU", "EUR", "US", "USD", "ME", "AED", "SA", "SAR");

    private final JdbcTemplate jdbc;

    public ClinicBilling(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public BillingTerms terms(int organizationId) {
        return jdbc.query("""
                SELECT region, settings -> 'billing' ->> 'currency', settings -> 'billing' ->> 'paymentTermDays'
                FROM organizations WHERE id = ?""", (rs, n) -> {
            String currency = rs.getString(2);
            if (currency == null || !currency.matches("[A-Z]{3}")) {
                currency = CURRENCY_OF_REGION.getOrDefault(rs.getString(1), "GBP");
            }
            int days = DEFAULT_PAYMENT_TERM_DAYS;
            String configured = rs.getString(3);
            if (configured != null && configured.matches("\\d{1,3}")) {
                days = Integer.parseInt(configured);
            }
            return new BillingTerms(currency, days);
        }, organizationId).stream().findFirst().orElseThrow(() ->
                new IllegalStateException("No organizations row " + organizationId));
    }
}
