package health.cura.fhir.saas;

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
}
