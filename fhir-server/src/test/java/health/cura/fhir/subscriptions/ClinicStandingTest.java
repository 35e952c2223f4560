package health.cura.fhir.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * A clinic's standing, moved by the platform: suspended it reads only (every write path 402), reactivated it writes
 * again, cancelled it is closed (403); each move recorded with who and why; only the platform moves it.
 */
class ClinicStandingTest extends ServerTest {

    private HttpResponse<String> platform(String operation, Parameters in) {
        return http("POST", "/DEFAULT/" + operation, FHIR.newJsonParser().encodeResourceToString(in),
                "application/fhir+json", "Authorization", "Bearer " + token("DEFAULT"));
    }

    private static Parameters of(String tenant, String reason) {
        Parameters in = new Parameters().addParameter("tenant", tenant);
        return reason == null ? in : in.addParameter("reason", reason);
    }

    private HttpResponse<String> createPatient(String clinic, String family) {
        Patient patient = new Patient();
        patient.addName().setFamily(family);
        return http("POST", "/" + clinic + "/Patient", FHIR.newJsonParser().encodeResourceToString(patient),
                "application/fhir+json");
    }

    @Test
    void aSuspendedClinicReadsOnlyAReactivatedOneWritesAndACancelledOneIsClosed() {
        String clinic = newTenant("standing");
        String patient = createPatient(clinic, "Before").headers().firstValue("Location").orElseThrow()
                .replaceAll(".*/Patient/([^/]+)/.*", "$1");

        HttpResponse<String> suspended = platform("$suspend", of(clinic, "Invoice SAAS-0042 unpaid"));
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT subscription_status FROM organizations WHERE subdomain = ?",
                String.class, clinic)).isEqualTo("suspended");
        assertThat(get("/" + clinic + "/Patient/" + patient).statusCode()).isEqualTo(200);
        HttpResponse<String> write = createPatient(clinic, "During");
        assertThat(write.statusCode()).as(write.body()).isEqualTo(402);
        assertThat(diagnostics(write.body())).contains("suspended");

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient inBundle = new Patient();
        inBundle.addName().setFamily("InBundle");
        transaction.addEntry().setResource(inBundle).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        HttpResponse<String> bundle = http("POST", "/" + clinic, FHIR.newJsonParser()
                .encodeResourceToString(transaction), "application/fhir+json");
        assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(402);
        HttpResponse<String> operation = http("POST", "/" + clinic + "/Patient/" + patient + "/$gdpr-restrict",
                FHIR.newJsonParser().encodeResourceToString(new Parameters().addParameter("reason", "Objection")),
                "application/fhir+json");
        assertThat(operation.statusCode()).as("an operation that changes state").isEqualTo(402);
        assertThat(get("/" + clinic + "/$gdpr-requests-due").statusCode()).as("one that reads").isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM patients p JOIN organizations o ON o.id = "
                + "p.organization_id WHERE o.subdomain = ?", Integer.class, clinic)).isEqualTo(1);

        assertThat(platform("$reactivate", of(clinic, "Paid")).statusCode()).isEqualTo(200);
        assertThat(createPatient(clinic, "After").statusCode()).isEqualTo(201);

        HttpResponse<String> atEnd = platform("$cancel", of(clinic, "Leaving").addParameter("atPeriodEnd", true));
        assertThat(atEnd.statusCode()).as("no subscription whose period could end").isEqualTo(409);
        assertThat(platform("$cancel", of(clinic, "Leaving")).statusCode()).isEqualTo(200);
        HttpResponse<String> closed = get("/" + clinic + "/Patient/" + patient);
        assertThat(closed.statusCode()).isEqualTo(403);
        assertThat(diagnostics(closed.body())).contains("cancelled");
        assertThat(get("/" + clinic + "/metadata").statusCode()).isEqualTo(200);
        assertThat(platform("$suspend", of(clinic, "Again")).statusCode()).isEqualTo(409);

        List<String> actions = jdbc.queryForList("""
                SELECT a.action || ':' || coalesce(a.reason, '') FROM cura_platform_actions a
                JOIN organizations o ON o.id = a.organization_id WHERE o.subdomain = ? ORDER BY a.id""",
                String.class, clinic);
        assertThat(actions).containsExactly("suspend:Invoice SAAS-0042 unpaid", "reactivate:Paid", "cancel:Leaving");
    }

    @Test
    void onlyThePlatformMovesAClinicAndBadInputIsRefused() {
        String clinic = newTenant("standing-bad");
        assertThat(platform("$suspend", of("no-such-clinic", "x")).statusCode()).isEqualTo(404);
        assertThat(platform("$suspend", of(clinic, null)).statusCode()).isEqualTo(400);
        HttpResponse<String> byClinic = http("POST", "/DEFAULT/$suspend", FHIR.newJsonParser()
                .encodeResourceToString(of(clinic, "x")), "application/fhir+json", "Authorization",
                "Bearer " + token(clinic));
        assertThat(byClinic.statusCode()).isIn(401, 403);
        assertThat(jdbc.queryForObject("SELECT subscription_status FROM organizations WHERE subdomain = ?",
                String.class, clinic)).isEqualTo("trial");
    }

    private String newPackage(String cycle) {
        Parameters in = new Parameters().addParameter("name", "Plan " + java.util.UUID.randomUUID())
                .addParameter("price", new org.hl7.fhir.r4.model.Money()
                        .setValue(new java.math.BigDecimal("30.00")).setCurrency("GBP"))
                .addParameter("billingCycle", new org.hl7.fhir.r4.model.CodeType(cycle));
        HttpResponse<String> created = platform("$create-package", in);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Parameters.class, created.body()).getParameter("packageId")
                .getValue().primitiveValue();
    }

    private HttpResponse<String> createClinic(String subdomain, String packageId, Integer trialDays) {
        Parameters in = new Parameters().addParameter("name", "Clinic " + subdomain)
                .addParameter("subdomain", subdomain).addParameter("email", subdomain + "@clinic.test");
        if (packageId != null) {
            in.addParameter("packageId", packageId);
        }
        if (trialDays != null) {
            in.addParameter("trialDays", new org.hl7.fhir.r4.model.IntegerType(trialDays));
        }
        return platform("$create-tenant", in);
    }

    @Test
    void aClinicCreatedWithAPackageIsInTrialThenSubscriptionsFollowTheStandingTable() {
        String monthly = newPackage("monthly");
        String subdomain = "subscribed-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = createClinic(subdomain, monthly, 14);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        java.util.Map<String, Object> row = jdbc.queryForMap("""
                SELECT o.subscription_status AS organization, s.status, s.package_id,
                       s.trial_end::date - now()::date AS trial_days,
                       s.current_period_end = s.trial_end AS first_period_after_trial
                FROM organizations o JOIN saas_subscriptions s ON s.organization_id = o.id
                WHERE o.subdomain = ?""", subdomain);
        assertThat(row).containsEntry("organization", "trial").containsEntry("status", "active")
                .containsEntry("package_id", Integer.parseInt(monthly)).containsEntry("trial_days", 14)
                .containsEntry("first_period_after_trial", true);
        assertThat(createClinic(subdomain, monthly, 14).statusCode()).as("repeated").isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saas_subscriptions s JOIN organizations o ON o.id = "
                + "s.organization_id WHERE o.subdomain = ?", Integer.class, subdomain)).isEqualTo(1);

        assertThat(platform("$suspend", of(subdomain, "Card declined")).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT s.status FROM saas_subscriptions s JOIN organizations o ON o.id = "
                + "s.organization_id WHERE o.subdomain = ?", String.class, subdomain)).isEqualTo("suspended");
        HttpResponse<String> reactivated = platform("$reactivate", of(subdomain, null));
        assertThat(FHIR.newJsonParser().parseResource(Parameters.class, reactivated.body())
                .getParameter("organizationStatus").getValue().primitiveValue()).as("the trial still runs")
                .isEqualTo("trial");
        assertThat(platform("$subscribe", of(subdomain, null).addParameter("packageId", monthly)).statusCode())
                .as("subscribed already").isEqualTo(409);
        HttpResponse<String> atEnd = platform("$cancel", of(subdomain, "Moving to NHS").addParameter("atPeriodEnd",
                true));
        assertThat(atEnd.statusCode()).as(atEnd.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT s.cancel_at_period_end FROM saas_subscriptions s JOIN organizations o "
                + "ON o.id = s.organization_id WHERE o.subdomain = ?", Boolean.class, subdomain)).isTrue();

        String bare = newTenant("unsubscribed");
        HttpResponse<String> subscribed = platform("$subscribe", of(bare, null).addParameter("packageId",
                newPackage("yearly")));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("""
                SELECT o.subscription_status || '/' || s.status || '/' ||
                       (s.current_period_end::date - s.current_period_start::date BETWEEN 365 AND 366)
                FROM organizations o JOIN saas_subscriptions s ON s.organization_id = o.id WHERE o.subdomain = ?""",
                String.class, bare)).isEqualTo("active/active/true");
    }

    @Test
    void aBadPackageCreatesNoClinic() {
        String subdomain = "unplanned-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(createClinic(subdomain, "999999999", null).statusCode()).isEqualTo(404);
        assertThat(createClinic(subdomain, "basic", null).statusCode()).isEqualTo(400);
        assertThat(createClinic(subdomain, newPackage("monthly"), -3).statusCode()).isEqualTo(400);
        assertThat(createClinic(subdomain, null, 14).statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations WHERE subdomain = ?", Integer.class,
                subdomain)).isZero();
    }
}
