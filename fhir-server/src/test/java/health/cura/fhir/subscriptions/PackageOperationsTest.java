package health.cura.fhir.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;

/** The platform's packages: created and changed by the platform only, their prices exact, their features checked. */
class PackageOperationsTest extends ServerTest {

    private HttpResponse<String> call(String operation, Parameters in, String token) {
        return http("POST", "/DEFAULT/" + operation, FHIR.newJsonParser().encodeResourceToString(in),
                "application/fhir+json", "Authorization", "Bearer " + token);
    }

    private static Parameters plan(String name, String price, String cycle, String features) {
        Parameters in = new Parameters().addParameter("name", name)
                .addParameter("price", new Money().setValue(new java.math.BigDecimal(price)).setCurrency("GBP"));
        if (cycle != null) {
            in.addParameter("billingCycle", new org.hl7.fhir.r4.model.CodeType(cycle));
        }
        if (features != null) {
            in.addParameter("features", features);
        }
        return in;
    }

    @Test
    void aPackageIsCreatedAndChangedWithItsPriceExactAndItsFeaturesAsGiven() {
        String name = "Clinic Plus " + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = call("$create-package", plan(name, "49.99", "monthly",
                "{\"maxUsers\": 5, \"maxPatients\": 1000, \"aiEnabled\": false}"), token("DEFAULT"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = FHIR.newJsonParser().parseResource(Parameters.class, created.body())
                .getParameter("packageId").getValue().primitiveValue();
        Map<String, Object> row = jdbc.queryForMap("SELECT name, price, billing_cycle, features->>'maxUsers' AS "
                + "users, features->>'aiEnabled' AS ai, is_active FROM saas_packages WHERE id = ?",
                Integer.parseInt(id));
        assertThat(row).containsEntry("name", name).containsEntry("billing_cycle", "monthly")
                .containsEntry("users", "5").containsEntry("ai", "false").containsEntry("is_active", true);
        assertThat((java.math.BigDecimal) row.get("price")).isEqualByComparingTo("49.99");

        HttpResponse<String> changed = call("$update-package", new Parameters().addParameter("packageId", id)
                .addParameter("price", new Money().setValue(new java.math.BigDecimal("499.00")).setCurrency("GBP"))
                .addParameter("billingCycle", new org.hl7.fhir.r4.model.CodeType("yearly")), token("DEFAULT"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        Map<String, Object> after = jdbc.queryForMap("SELECT name, price, billing_cycle, features->>'maxUsers' AS "
                + "users FROM saas_packages WHERE id = ?", Integer.parseInt(id));
        assertThat(after).containsEntry("name", name).containsEntry("billing_cycle", "yearly")
                .containsEntry("users", "5");
        assertThat((java.math.BigDecimal) after.get("price")).isEqualByComparingTo("499.00");
    }

    @Test
    void badInputIsRefusedAndStoresNothing() {
        String name = "Broken " + UUID.randomUUID().toString().substring(0, 6);
        String platform = token("DEFAULT");
        assertThat(call("$create-package", plan(name, "-1.00", null, null), platform).statusCode()).isEqualTo(400);
        assertThat(call("$create-package", plan(name, "10.001", null, null), platform).statusCode()).isEqualTo(400);
        assertThat(call("$create-package", plan(name, "10.00", "weekly", null), platform).statusCode())
                .isEqualTo(400);
        HttpResponse<String> typo = call("$create-package", plan(name, "10.00", null, "{\"maxUser\": 3}"), platform);
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(diagnostics(typo.body())).contains("'maxUser' is no feature");
        assertThat(call("$create-package", plan(name, "10.00", null, "{\"maxUsers\": \"five\"}"), platform)
                .statusCode()).isEqualTo(400);
        Parameters euros = plan(name, "10.00", null, null);
        ((Money) euros.getParameter("price").getValue()).setCurrency("EUR");
        assertThat(call("$create-package", euros, platform).statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saas_packages WHERE name = ?", Integer.class, name))
                .isZero();

        assertThat(call("$update-package", new Parameters().addParameter("packageId", "999999999"), platform)
                .statusCode()).isEqualTo(404);
        assertThat(call("$update-package", new Parameters().addParameter("packageId", "basic"), platform)
                .statusCode()).isEqualTo(400);

        String clinic = newTenant("saas-clinic");
        HttpResponse<String> byClinic = http("POST", "/" + clinic + "/$create-package",
                FHIR.newJsonParser().encodeResourceToString(plan(name, "10.00", null, null)),
                "application/fhir+json");
        assertThat(byClinic.statusCode()).as("a clinic's token").isIn(403, 404);
        assertThat(call("$create-package", plan(name, "10.00", null, null), token(clinic)).statusCode())
                .isIn(401, 403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saas_packages WHERE name = ?", Integer.class, name))
                .isZero();
    }
}
