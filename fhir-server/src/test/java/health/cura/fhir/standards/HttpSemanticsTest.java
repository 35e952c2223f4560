package health.cura.fhir.standards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.RawHttp;
import health.cura.fhir.support.ServerTest;
import health.cura.mappings.patient.NhsNumber;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP as FHIR and OAuth define it, as an integrator's tools exercise it (issue 16, findings 4, 7 and 8). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpSemanticsTest extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ClinicalShapes shapes = new ClinicalShapes(1607);
    private String tenant;
    private IGenericClient fhir;
    private String nhsNumber;
    private IdType patient;

    @BeforeAll
    void clinic() {
        tenant = newTenant("http");
        fhir = client(tenant);
        Patient written = shapes.patient("Semantics");
        nhsNumber = written.getIdentifierFirstRep().getValue();
        patient = create(fhir, written);
    }

    @Test
    void aResourceWrittenOverRestCarriesNoSourceOfTheServersMaking() {
        Patient read = fhir.read().resource(Patient.class).withId(patient).execute();
        assertThat(read.getMeta().hasSource()).as(read.getMeta().getSource()).isFalse();

        Patient fed = shapes.patient("Fed");
        fed.getMeta().setSource("https://feed.example.nhs.uk/adt");
        Patient stored = fhir.read().resource(Patient.class).withId(create(fhir, fed)).execute();
        assertThat(stored.getMeta().getSource()).isEqualTo("https://feed.example.nhs.uk/adt");

        HttpResponse<String> xml = http("POST", "/" + tenant + "/Patient",
                FHIR.newXmlParser().encodeResourceToString(shapes.patient("Xml")), "application/fhir+xml");
        assertThat(xml.statusCode()).as(xml.body()).isEqualTo(201);
        Patient fromXml = fhir.read().resource(Patient.class)
                .withUrl(xml.headers().firstValue("Location").orElseThrow()).execute();
        assertThat(fromXml.getMeta().hasSource()).as(fromXml.getMeta().getSource()).isFalse();
    }

    @Test
    void anUnencodedBarInATokenSearchIsAcceptedAsCurlSendsIt() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(port, "GET",
                "/fhir/" + tenant + "/Patient?identifier=" + NhsNumber.SYSTEM + "|" + nhsNumber,
                Map.of("Authorization", "Bearer " + token(tenant), "Accept", "application/fhir+json"), null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode bundle = JSON.readTree(answer.body());
        assertThat(bundle.get("total").asInt()).isEqualTo(1);
        assertThat(bundle.at("/entry/0/resource/id").asText()).isEqualTo(patient.getIdPart());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/fhir+json", "application/fhir+xml"})
    void aStaleIfMatchIsPreconditionFailedAndChangesNothing(String format) {
        Patient current = fhir.read().resource(Patient.class).withId(patient).execute();
        String version = current.getMeta().getVersionId();
        current.getNameFirstRep().setFamily("Semantics-" + format.length());
        current.getMeta().setLastUpdated(null);
        fhir.update().resource(current).execute();
        current.getNameFirstRep().setFamily("Lost update");
        String body = format.endsWith("xml")
                ? FHIR.newXmlParser().encodeResourceToString(current)
                : FHIR.newJsonParser().encodeResourceToString(current);

        HttpResponse<String> response = http("PUT", "/" + tenant + "/Patient/" + patient.getIdPart(), body, format,
                "If-Match", "W/\"" + version + "\"");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(412);
        assertThat(response.body()).contains("OperationOutcome").contains("If-Match");
        Patient after = fhir.read().resource(Patient.class).withId(patient).execute();
        assertThat(after.getNameFirstRep().getFamily()).isNotEqualTo("Lost update");
    }

    @Test
    void aStalePatchOrDeleteIsPreconditionFailedAndChangesNothing() {
        IdType target = create(fhir, shapes.patient("Stale"));
        Patient current = fhir.read().resource(Patient.class).withId(target).execute();
        String stale = current.getMeta().getVersionId();
        current.setActive(true);
        current.getMeta().setLastUpdated(null);
        fhir.update().resource(current).execute();
        String path = "/" + tenant + "/Patient/" + target.getIdPart();

        HttpResponse<String> patch = http("PATCH", path,
                "[{\"op\":\"replace\",\"path\":\"/active\",\"value\":false}]", "application/json-patch+json",
                "If-Match", "W/\"" + stale + "\"");
        HttpResponse<String> delete = http("DELETE", path, null, null, "If-Match", "W/\"" + stale + "\"");

        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(412);
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(412);
        Patient after = fhir.read().resource(Patient.class).withId(target).execute();
        assertThat(after.getActive()).isTrue();
        assertThat(Long.parseLong(after.getMeta().getVersionId())).isEqualTo(Long.parseLong(stale) + 1);

        HttpResponse<String> deleteCurrent = http("DELETE", path, null, null,
                "If-Match", "W/\"" + after.getMeta().getVersionId() + "\"");
        assertThat(deleteCurrent.statusCode()).as(deleteCurrent.body()).isEqualTo(200);
    }

    @Test
    void aDeleteWhoseIfMatchIsNoETagIsABadRequestAndDeletesNothing() {
        IdType target = create(fhir, shapes.patient("Malformed"));

        HttpResponse<String> delete = http("DELETE", "/" + tenant + "/Patient/" + target.getIdPart(), null, null,
                "If-Match", "version one");

        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(400);
        assertThat(delete.body()).contains("OperationOutcome").contains("is not an ETag");
        assertThat(fhir.read().resource(Patient.class).withId(target).execute().getIdElement().getIdPart())
                .isEqualTo(target.getIdPart());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/fhir+json", "application/fhir+xml"})
    void aCurrentIfMatchTakingAnotherPatientsNhsNumberIsStillAConflict(String format) {
        Patient other = shapes.patient("Other-" + format.length());
        IdType otherId = create(fhir, other);
        Patient read = fhir.read().resource(Patient.class).withId(otherId).execute();
        read.getIdentifierFirstRep().setValue(nhsNumber);
        read.getMeta().setLastUpdated(null);
        String body = format.endsWith("xml")
                ? FHIR.newXmlParser().encodeResourceToString(read)
                : FHIR.newJsonParser().encodeResourceToString(read);

        HttpResponse<String> response = http("PUT", "/" + tenant + "/Patient/" + otherId.getIdPart(), body, format,
                "If-Match", "W/\"" + read.getMeta().getVersionId() + "\"");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.body()).contains("Patient/" + patient.getIdPart());
    }

    @Test
    void aCurrentIfMatchUpdates() {
        Patient current = fhir.read().resource(Patient.class).withId(patient).execute();
        current.getMeta().setLastUpdated(null);
        current.setActive(true);
        HttpResponse<String> response = http("PUT", "/" + tenant + "/Patient/" + patient.getIdPart(),
                FHIR.newJsonParser().encodeResourceToString(current), "application/fhir+json",
                "If-Match", "W/\"" + current.getMeta().getVersionId() + "\"");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "client_assertion"})
    void anUnknownClientAtTheTokenEndpointGetsAnOAuthErrorInJson(String with) throws Exception {
        String form = "grant_type=client_credentials&scope=system%2FPatient.rs&client_id=no-such-client";
        if (!with.isEmpty()) {
            form += "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
                    + "&client_assertion=" + CLINIC_KEYS.assertion("no-such-client", tokenEndpoint(), Map.of());
        }
        RawHttp.Answer answer = RawHttp.exchange(port, "POST", "/oauth2/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "*/*"), form);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(answer.body()).get("error").asText()).isEqualTo("invalid_client");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/oauth2/introspect", "/oauth2/revoke"})
    void anUnauthenticatedIntrospectionOrRevocationIsRefusedNotRedirected(String endpoint) throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(port, "POST", endpoint,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "*/*"), "token=abc");

        assertThat(answer.status()).as(answer.headers().toString()).isEqualTo(401);
        assertThat(answer.header("Location")).isNull();
        assertThat(JSON.readTree(answer.body()).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void smartDiscoveryAdvertisesPatientPermissionsAndTheBanner() throws Exception {
        HttpResponse<String> response = anonymousGet("/" + tenant + "/.well-known/smart-configuration");
        List<String> capabilities = texts(JSON.readTree(response.body()).get("capabilities"));
        assertThat(capabilities).contains("permission-patient", "context-banner", "permission-v2");
    }

    @Test
    void theOpenIdConfigurationAgreesWithTheSmartConfiguration() throws Exception {
        JsonNode smart = JSON.readTree(anonymousGet("/" + tenant + "/.well-known/smart-configuration").body());
        assertThat(smart.has("issuer") && smart.has("token_endpoint") && smart.has("jwks_uri")).as(smart.toString())
                .isTrue();
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            RawHttp.Answer answer = RawHttp.exchange(port, "GET", path, Map.of("Accept", "application/json"), null);
            assertThat(answer.status()).as(path).isEqualTo(200);
            JsonNode metadata = JSON.readTree(answer.body());
            for (String key : List.of("token_endpoint_auth_methods_supported", "grant_types_supported",
                    "scopes_supported", "token_endpoint_auth_signing_alg_values_supported")) {
                assertThat(texts(metadata.get(key))).as(path + " " + key)
                        .containsExactlyInAnyOrderElementsOf(texts(smart.get(key)));
            }
            for (String key : List.of("issuer", "token_endpoint", "authorization_endpoint", "jwks_uri",
                    "introspection_endpoint", "revocation_endpoint")) {
                if (smart.has(key)) {
                    assertThat(metadata.path(key).asText()).as(path + " " + key).isEqualTo(smart.get(key).asText());
                }
            }
            assertThat(metadata.has("device_authorization_endpoint")).as(path).isFalse();
            assertThat(texts(metadata.get("introspection_endpoint_auth_methods_supported"))).as(path)
                    .containsExactly("private_key_jwt");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
