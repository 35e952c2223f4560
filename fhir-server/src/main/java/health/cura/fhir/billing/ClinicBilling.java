package health.cura.fhir.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.mappings.billing.VatRules;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A clinic's {@link BillingTerms}, from {@code organizations.settings.billing} where the clinic set them, else from its
 * region: UK pounds, EU euros, US dollars, ME UAE dirhams, SA Saudi riyals; 30 days to pay; not registered for VAT.
 * The keys: {@code currency}, {@code paymentTermDays}, {@code vatRegistered}, {@code vatRates} (category to rate,
 * {@code {"standard": 0.21, ...}}; UK rates by default for UK clinics) and {@code vatExemptionReason}. Read on each use
 * (one indexed row), so a change applies at once.
 */
@Component
public class ClinicBilling {

    static final int DEFAULT_PAYMENT_TERM_DAYS = 30;

    private static final Map<String, String> CURRENCY_OF_REGION = Map.of(
            "UK", "GBP", "EU", "EUR", "US", "USD", "ME", "AED", "SA", "SAR");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ClinicBilling(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public BillingTerms terms(int organizationId) {
        return jdbc.query("SELECT region, settings -> 'billing' FROM organizations WHERE id = ?",
                (rs, n) -> terms(rs.getString(1), read(rs.getString(2))), organizationId).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("No organizations row " + organizationId));
    }

    private JsonNode read(String settings) {
        if (settings == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(settings);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static BillingTerms terms(String region, JsonNode settings) {
        String currency = settings.path("currency").asText("");
        if (!currency.matches("[A-Z]{3}")) {
            currency = CURRENCY_OF_REGION.getOrDefault(region, "GBP");
        }
        int days = settings.path("paymentTermDays").canConvertToInt() && settings.path("paymentTermDays").asInt() >= 0
                ? settings.path("paymentTermDays").asInt() : DEFAULT_PAYMENT_TERM_DAYS;
        VatRules vat = VatRules.notRegistered();
        if (settings.path("vatRegistered").asBoolean(false)) {
            Map<String, BigDecimal> rates = new HashMap<>("UK".equals(region) ? VatRules.UK_RATES : Map.of());
            settings.path("vatRates").fields().forEachRemaining(rate -> {
                if (rate.getValue().isNumber()) {
                    rates.put(rate.getKey(), rate.getValue().decimalValue());
                }
            });
            vat = new VatRules(true, rates, settings.path("vatExemptionReason").asText(VatRules.UK_EXEMPTION));
        }
        return new BillingTerms(currency, days, vat);
    }
}
