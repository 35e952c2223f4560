package health.cura.fhir.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;

/** The platform's typed settings: read, changed within their ranges by the platform only, and obeyed. */
class PlatformSettingsTest extends ServerTest {

    private HttpResponse<String> platform(String method, String operation, Parameters in) {
        return http(method, "/DEFAULT/" + operation, in == null ? null : FHIR.newJsonParser()
                .encodeResourceToString(in), "application/fhir+json", "Authorization", "Bearer " + token("DEFAULT"));
    }

    private Map<String, String> settings(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Parameters.class, answer.body()).getParameter().stream()
                .collect(Collectors.toMap(p -> p.getPart().get(0).getValue().primitiveValue(),
                        p -> p.getPart().get(1).getValue().primitiveValue() + "/" + p.getPart().get(2).getValue()
                                .primitiveValue()));
    }

    private HttpResponse<String> set(String key, int value) {
        return platform("POST", "$set-platform-setting", new Parameters().addParameter("key", key)
                .addParameter("value", new IntegerType(value)));
    }

    @Test
    void settingsAreTypedCheckedAndObeyed() {
        // a value of the wrong kind, as other software might write it, is left out
        jdbc.update("DELETE FROM saas_settings WHERE key = 'billing.paymentTermsDays'");
        jdbc.update("INSERT INTO saas_settings (key, value, category) VALUES ('billing.paymentTermsDays', "
                + "'\"fourteen\"', 'billing')");
        try {
            assertThat(settings(platform("GET", "$platform-settings", null)))
                    .containsEntry("billing.paymentTermsDays", "14/false");
            assertThat(set("billing.gracePeriodDays", 400).statusCode()).isEqualTo(400);
            assertThat(set("billing.graceDays", 3).statusCode()).isEqualTo(400);
            HttpResponse<String> byClinic = http("POST", "/DEFAULT/$set-platform-setting", FHIR.newJsonParser()
                    .encodeResourceToString(new Parameters().addParameter("key", "billing.gracePeriodDays")
                            .addParameter("value", new IntegerType(1))), "application/fhir+json",
                    "Authorization", "Bearer " + token(newTenant("settings")));
            assertThat(byClinic.statusCode()).isIn(401, 403);

            assertThat(settings(set("subscriptions.defaultTrialDays", 7)))
                    .containsEntry("subscriptions.defaultTrialDays", "7/true");
            String clinic = newTenant("default-trial");
            String packageId = FHIR.newJsonParser().parseResource(Parameters.class, platform("POST",
                    "$create-package", new Parameters().addParameter("name", "Trial plan " + clinic)
                            .addParameter("price", new org.hl7.fhir.r4.model.Money()
                                    .setValue(new java.math.BigDecimal("10.00")).setCurrency("GBP"))).body())
                    .getParameter("packageId").getValue().primitiveValue();
            assertThat(platform("POST", "$subscribe", new Parameters().addParameter("tenant", clinic)
                    .addParameter("packageId", packageId)).statusCode()).isEqualTo(200);
            assertThat(jdbc.queryForObject("""
                    SELECT o.subscription_status || '/' || (s.trial_end::date - s.current_period_start::date)
                    FROM organizations o JOIN saas_subscriptions s ON s.organization_id = o.id
                    WHERE o.subdomain = ?""", String.class, clinic)).isEqualTo("trial/7");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM cura_platform_actions WHERE action = "
                    + "'set-platform-setting' AND reason = 'subscriptions.defaultTrialDays = 7'", Integer.class))
                    .isPositive();
        } finally {
            set("subscriptions.defaultTrialDays", 0);
            jdbc.update("DELETE FROM saas_settings WHERE key = 'billing.paymentTermsDays'");
        }
    }
}
