package health.cura.fhir.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The platform bills a clinic through its whole life, the billing job run at the times given: trial, past due at the
 * trial's end without a payment method, paid and active, renewed, overdue and past due, suspended after the grace
 * period, paid and reactivated, cancelled at the period's end; and a package change prorated to the day.
 */
class SaasBillingTest extends ServerTest {

    @Autowired
    private SaasBilling billing;

    private HttpResponse<String> platform(String operation, Parameters in) {
        return http("POST", "/DEFAULT/" + operation, FHIR.newJsonParser().encodeResourceToString(in),
                "application/fhir+json", "Authorization", "Bearer " + token("DEFAULT"));
    }

    private Parameters ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Parameters.class, answer.body());
    }

    private static String value(Parameters parameters, String name) {
        return parameters.getParameter(name).getValue().primitiveValue();
    }

    private String newPackage(String price) {
        return value(ok(platform("$create-package", new Parameters().addParameter("name", "Plan " + UUID.randomUUID())
                .addParameter("price", gbp(price)).addParameter("billingCycle", new CodeType("monthly")))),
                "packageId");
    }

    private static Money gbp(String amount) {
        Money money = new Money();
        money.setValue(new BigDecimal(amount));
        money.setCurrency("GBP");
        return money;
    }

    private Map<String, Object> standing(String clinic) {
        return jdbc.queryForMap("""
                SELECT s.status AS subscription, o.subscription_status AS organization FROM organizations o
                JOIN saas_subscriptions s ON s.organization_id = o.id WHERE o.subdomain = ?
                ORDER BY s.id DESC LIMIT 1""", clinic);
    }

    private List<Map<String, Object>> invoices(String clinic) {
        return jdbc.queryForList("""
                SELECT i.invoice_number, i.amount, i.currency, i.status, i.line_items::text AS lines
                FROM saas_invoices i JOIN organizations o ON o.id = i.organization_id WHERE o.subdomain = ?
                ORDER BY i.id""", clinic);
    }

    private Parameters pay(Map<String, Object> invoice, String transactionId) {
        return ok(payment(invoice, transactionId, "stripe"));
    }

    private HttpResponse<String> payment(Map<String, Object> invoice, String transactionId, String method) {
        return platform("$record-saas-payment", new Parameters()
                .addParameter("invoiceNumber", (String) invoice.get("invoice_number"))
                .addParameter("amount", gbp(((BigDecimal) invoice.get("amount")).toPlainString()))
                .addParameter("method", new CodeType(method)).addParameter("transactionId", transactionId));
    }

    private int write(String clinic) {
        Patient patient = new Patient();
        patient.addName().setFamily("Billed");
        return http("POST", "/" + clinic + "/Patient", FHIR.newJsonParser().encodeResourceToString(patient),
                "application/fhir+json").statusCode();
    }

    private static Instant days(long n) {
        return Instant.now().plus(Duration.ofDays(n));
    }

    @Test
    void aClinicsWholeLifeFromTrialToCancellation() {
        String packageId = newPackage("30.00");
        String clinic = "billed-" + UUID.randomUUID().toString().substring(0, 8);
        ok(platform("$create-tenant", new Parameters().addParameter("name", "Billed Clinic")
                .addParameter("subdomain", clinic).addParameter("email", clinic + "@clinic.test")
                .addParameter("packageId", packageId).addParameter("trialDays", new IntegerType(14))));
        assertThat(standing(clinic)).containsEntry("subscription", "active").containsEntry("organization", "trial");
        billing.run(days(7));
        assertThat(invoices(clinic)).as("a trial is not billed").isEmpty();

        // the trial ends with no payment method on file
        billing.run(days(15));
        List<Map<String, Object>> first = invoices(clinic);
        assertThat(first).hasSize(1);
        assertThat(first.get(0)).containsEntry("status", "sent").containsEntry("currency", "GBP");
        assertThat((BigDecimal) first.get(0).get("amount")).isEqualByComparingTo("30.00");
        assertThat((String) first.get(0).get("invoice_number")).matches("SAAS-\\d{4}-\\d{6}");
        assertThat((String) first.get(0).get("lines")).contains("30.00");
        assertThat(standing(clinic)).containsEntry("subscription", "past_due").containsEntry("organization",
                "active");
        HttpResponse<String> warned = get("/" + clinic + "/Patient");
        assertThat(warned.statusCode()).isEqualTo(200);
        assertThat(warned.headers().firstValue("Warning")).hasValueSatisfying(w -> assertThat(w).contains("past due"));

        Parameters paid = pay(first.get(0), "pi_" + clinic);
        assertThat(value(paid, "invoiceStatus")).isEqualTo("paid");
        assertThat(value(paid, "subscriptionStatus")).isEqualTo("active");
        assertThat(value(pay(first.get(0), "pi_" + clinic), "paymentId")).as("the same transaction again")
                .isEqualTo(value(paid, "paymentId"));
        assertThat(payment(first.get(0), "pi_other", "stripe").statusCode()).as("paid already").isEqualTo(409);
        assertThat(payment(first.get(0), "pi_x", "cheque").statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saas_payments WHERE invoice_number = ?", Integer.class,
                first.get(0).get("invoice_number"))).isEqualTo(1);

        // the next period is invoiced, falls overdue, and after the grace period the clinic is suspended
        billing.run(days(46));
        List<Map<String, Object>> second = invoices(clinic);
        assertThat(second).hasSize(2);
        assertThat(second.get(1)).containsEntry("status", "sent");
        assertThat(standing(clinic)).containsEntry("subscription", "active");
        billing.run(days(61));
        assertThat(invoices(clinic).get(1)).containsEntry("status", "overdue");
        assertThat(standing(clinic)).containsEntry("subscription", "past_due");
        assertThat(write(clinic)).as("past due still works").isEqualTo(201);
        billing.run(days(76));
        assertThat(standing(clinic)).containsEntry("subscription", "suspended").containsEntry("organization",
                "suspended");
        billing.run(days(76));
        assertThat(write(clinic)).isEqualTo(402);

        Parameters reactivated = pay(invoices(clinic).get(1), "bt_" + clinic);
        assertThat(value(reactivated, "organizationStatus")).isEqualTo("active");
        assertThat(write(clinic)).isEqualTo(201);

        ok(platform("$cancel", new Parameters().addParameter("tenant", clinic).addParameter("reason", "Retiring")
                .addParameter("atPeriodEnd", true)));
        billing.run(days(80));
        assertThat(standing(clinic)).containsEntry("subscription", "active");
        billing.run(days(110));
        assertThat(standing(clinic)).containsEntry("subscription", "cancelled").containsEntry("organization",
                "cancelled");
        assertThat(get("/" + clinic + "/Patient").statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForList("""
                SELECT a.action || ' by ' || a.actor FROM cura_platform_actions a JOIN organizations o
                ON o.id = a.organization_id WHERE o.subdomain = ? AND a.actor = 'cura-billing' ORDER BY a.id""",
                String.class, clinic)).containsExactly("past-due by cura-billing", "reactivate by cura-billing",
                "past-due by cura-billing", "suspend by cura-billing", "reactivate by cura-billing",
                "cancel by cura-billing");
    }

    @Test
    void aPackageChangeIsProratedToTheDay() {
        String small = newPackage("30.00");
        String large = newPackage("90.00");
        assertThat(jdbc.queryForList("SELECT actor FROM cura_platform_actions WHERE action = 'create-package' "
                + "AND organization_id IS NULL AND reason LIKE ?", String.class, "package " + large + " %"))
                .as("the platform's own actions are recorded").hasSize(1);
        String clinic = newTenant("prorated");
        ok(platform("$subscribe", new Parameters().addParameter("tenant", clinic).addParameter("packageId", small)));
        assertThat(invoices(clinic)).hasSize(1);
        // a 30-day period of which 20 days are left today
        jdbc.update("""
                UPDATE saas_subscriptions SET current_period_start = (now() at time zone 'utc')::date - 10,
                    current_period_end = (now() at time zone 'utc')::date + 20
                WHERE organization_id = ?""", organizationId(clinic));
        Parameters up = ok(platform("$change-package", new Parameters().addParameter("tenant", clinic)
                .addParameter("packageId", large)));
        assertThat(value(up, "daysLeft")).isEqualTo("20");
        assertThat(value(up, "daysInPeriod")).isEqualTo("30");
        assertThat(new BigDecimal(((Money) up.getParameter("credit").getValue()).getValue().toPlainString()))
                .isEqualByComparingTo("20.00");
        assertThat(((Money) up.getParameter("charge").getValue()).getValue()).isEqualByComparingTo("60.00");
        Map<String, Object> difference = invoices(clinic).get(1);
        assertThat(difference.get("invoice_number")).isEqualTo(value(up, "invoiceNumber"));
        assertThat((BigDecimal) difference.get("amount")).isEqualByComparingTo("40.00");

        // back down on the same day: 90 × 20/30 = 60.00 credited, 30 × 20/30 = 20.00 charged: 40.00 carried
        Parameters down = ok(platform("$change-package", new Parameters().addParameter("tenant", clinic)
                .addParameter("packageId", small)));
        assertThat(down.getParameter("invoiceNumber")).isNull();
        assertThat(((Money) down.getParameter("creditCarried").getValue()).getValue()).isEqualByComparingTo("40.00");
        billing.run(days(21));
        Map<String, Object> next = invoices(clinic).get(2);
        assertThat((BigDecimal) next.get("amount")).as("30.00 less the 30.00 of credit it can take")
                .isEqualByComparingTo("0.00");
        assertThat(next).containsEntry("status", "paid");
        assertThat(jdbc.queryForObject("SELECT metadata ->> 'credit' FROM saas_subscriptions WHERE organization_id = ?",
                String.class, organizationId(clinic))).isEqualTo("10.00");

        assertThat(platform("$change-package", new Parameters().addParameter("tenant", clinic)
                .addParameter("packageId", small)).statusCode()).as("on it already").isEqualTo(409);
        assertThat(platform("$change-package", new Parameters().addParameter("tenant", clinic)
                .addParameter("packageId", "99999999")).statusCode()).isEqualTo(404);
        assertThat(platform("$change-package", new Parameters().addParameter("tenant", newTenant("unsubscribed"))
                .addParameter("packageId", large)).statusCode()).isEqualTo(409);
        HttpResponse<String> byClinic = http("POST", "/DEFAULT/$change-package", FHIR.newJsonParser()
                .encodeResourceToString(new Parameters().addParameter("tenant", clinic).addParameter("packageId",
                        large)), "application/fhir+json", "Authorization", "Bearer " + token(clinic));
        assertThat(byClinic.statusCode()).isIn(401, 403);
    }

    @Test
    void twoNodesBillingAtOnceRenewEachPeriodOnce() throws Exception {
        String packageId = newPackage("20.00");
        String clinic = newTenant("two-nodes");
        ok(platform("$subscribe", new Parameters().addParameter("tenant", clinic).addParameter("packageId",
                packageId)));
        Instant later = days(40);
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<List<String>>> runs = List.of(
                    nodes.submit(() -> { start.await(); return billing.run(later); }),
                    nodes.submit(() -> { start.await(); return billing.run(later); }));
            start.countDown();
            for (java.util.concurrent.Future<List<String>> run : runs) {
                run.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(invoices(clinic)).as("the first period's, and one renewal").hasSize(2);
        java.sql.Timestamp then = java.sql.Timestamp.valueOf(java.time.LocalDateTime.ofInstant(later,
                java.time.ZoneOffset.UTC));
        assertThat(jdbc.queryForObject("SELECT current_period_end > ? FROM saas_subscriptions WHERE "
                + "organization_id = ?", Boolean.class, then, organizationId(clinic))).isTrue();
    }
}
