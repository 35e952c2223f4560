package health.cura.fhir.limits;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.BackendServiceKeys;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client registered with a request rate of its own is held to it over HTTP: past its burst it gets 429 with
 * {@code Retry-After} and an OperationOutcome, while the clinic's other clients go on; after a pause it goes on too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestRateLimitTest extends ServerTest {

    private String clinic;

    @BeforeAll
    void clinic() {
        clinic = newTenant("rates");
    }

    @Test
    void aClientOverItsRateIsAnswered429WhileTheClinicsOtherClientsGoOn() throws Exception {
        String slow = tokenOfNewClient(2);
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 12 && refused == null; i++) {
            HttpResponse<String> answer = getWithToken("/" + clinic + "/Patient?_count=1", slow);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                refused = answer;
            }
        }
        assertThat(refused).as("statuses %s: 2 a second with a burst of 4 cannot admit 12 at once", statuses)
                .isNotNull();
        assertThat(statuses.subList(0, 4)).as("the burst").containsOnly(200);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("\"OperationOutcome\"", "throttled", "2 requests a second",
                "requestsPerSecond");

        assertThat(get("/" + clinic + "/Patient?_count=1").statusCode()).as("another client of the clinic")
                .isEqualTo(200);
        Thread.sleep(1_100);
        assertThat(getWithToken("/" + clinic + "/Patient?_count=1", slow).statusCode()).as("after Retry-After")
                .isEqualTo(200);
    }

    @Test
    void requestsWithoutAValidTokenUseNoClientsAllowance() {
        String slow = tokenOfNewClient(1);
        for (int i = 0; i < 5; i++) {
            assertThat(getWithToken("/" + clinic + "/Patient", slow + "x").statusCode()).isEqualTo(401);
        }
        assertThat(getWithToken("/" + clinic + "/Patient?_count=1", slow).statusCode()).isEqualTo(200);
    }

    /** Registered by the platform through $register-client with its own rate. */
    private String tokenOfNewClient(int requestsPerSecond) {
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"tenant\",\"valueString\":\"" + clinic + "\"},"
                + "{\"name\":\"name\",\"valueString\":\"Chatty feed\"},"
                + "{\"name\":\"kind\",\"valueString\":\"backend-service\"},"
                + "{\"name\":\"scope\",\"valueString\":\"system/Patient.rs\"},"
                + "{\"name\":\"requestsPerSecond\",\"valueInteger\":" + requestsPerSecond + "},"
                + "{\"name\":\"jwks\",\"valueString\":\"" + CLINIC_KEYS.publicJwks().replace("\"", "\\\"") + "\"}]}";
        HttpResponse<String> registered = postJson("/DEFAULT/$register-client", body);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String clientId = FHIR.newJsonParser().parseResource(Parameters.class, registered.body())
                .getParameterValue("client_id").primitiveValue();
        return BackendServiceKeys.requestToken(tokenEndpoint(), "system/Patient.rs",
                CLINIC_KEYS.assertion(clientId, tokenEndpoint(), Map.of())).accessToken();
    }
}
