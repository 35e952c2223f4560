package health.cura.fhir.gdpr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.Eventually;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A consent's end: withdrawn by the patient through {@code $withdraw} (when, how, why and who recorded it), or expired
 * at its {@code expires_at} by the scheduled job, with the Consent following its row either way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentLifecycleTest extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private ConsentExpiry expiry;

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;
    private Reference patient;

    @BeforeAll
    void clinicWithAPatient() {
        clinic = newTenant("consents");
        organizationId = organizationId(clinic);
        fhir = client(clinic);
        patient = new Reference(createPatient(fhir, "Franklin").toUnqualifiedVersionless());
    }

    @Test
    void aWithdrawalRecordsWhenHowAndWhyAndTheConsentBecomesInactive() throws Exception {
        IdType consent = create(fhir, ClinicalShapes.researchConsent(patient));
        assertThat(row(consent)).containsEntry("status", "granted");
        HttpResponse<String> withdrawn = withdraw(consent, "phone", "No longer wishes to take part");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(FHIR.newJsonParser().parseResource(Consent.class, withdrawn.body()).getStatus())
                .isEqualTo(Consent.ConsentState.INACTIVE);
        Map<String, Object> row = row(consent);
        assertThat(row).containsEntry("status", "withdrawn");
        assertThat(row.get("withdrawn_at")).isNotNull();
        JsonNode withdrawal = JSON.readTree(row.get("metadata").toString()).get("withdrawal");
        assertThat(withdrawal.get("method").asText()).isEqualTo("phone");
        assertThat(withdrawal.get("reason").asText()).isEqualTo("No longer wishes to take part");
        assertThat(withdrawal.get("at").asText()).isNotBlank();

        Object first = row.get("withdrawn_at");
        assertThat(withdraw(consent, "paper", null).statusCode()).as("again changes nothing").isEqualTo(200);
        assertThat(row(consent).get("withdrawn_at")).isEqualTo(first);
        assertThat(JSON.readTree(row(consent).get("metadata").toString()).get("withdrawal").get("method").asText())
                .isEqualTo("phone");
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        IdType consent = create(fhir, ClinicalShapes.researchConsent(patient));
        assertThat(withdraw(consent, "telepathy", null).statusCode()).isEqualTo(400);
        assertThat(row(consent)).containsEntry("status", "granted");
        assertThat(withdraw(new IdType("Consent", "no-such-consent"), "paper", null).statusCode()).isEqualTo(404);
        String other = newTenant("consents-other");
        HttpResponse<String> elsewhere = http("POST", "/" + other + "/Consent/" + consent.getIdPart() + "/$withdraw",
                FHIR.newJsonParser().encodeResourceToString(new Parameters().addParameter("method",
                        new CodeType("paper"))), "application/fhir+json");
        assertThat(elsewhere.statusCode()).as("another clinic's consent is no consent of this one").isEqualTo(404);
        assertThat(row(consent)).containsEntry("status", "granted");
    }

    @Test
    void aGrantedConsentPastItsExpiryExpiresAndItsConsentFollows() {
        Consent lapsing = ClinicalShapes.researchConsent(patient);
        lapsing.getProvision().getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2025-01-01T00:00:00Z"))
                .setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2026-01-01T00:00:00Z"));
        IdType consent = create(fhir, lapsing);
        IdType lasting = create(fhir, ClinicalShapes.researchConsent(patient));
        assertThat(row(consent)).containsEntry("status", "granted");
        assertThat(expiry.run()).isGreaterThanOrEqualTo(1);
        assertThat(row(consent)).containsEntry("status", "expired");
        assertThat(row(lasting)).containsEntry("status", "granted");
        Consent shown = Eventually.await(Duration.ofSeconds(30), () -> {
            Consent read = fhir.read().resource(Consent.class).withId(consent)
                    .cacheControl(new CacheControlDirective().setNoCache(true)).execute();
            return read.getStatus() == Consent.ConsentState.INACTIVE ? Optional.of(read) : Optional.empty();
        });
        assertThat(shown.getStatusElement().getExtensionByUrl(CuraCanonical.CURA_CODE_EXTENSION).getValue())
                .isInstanceOfSatisfying(Coding.class, code -> assertThat(code.getCode()).isEqualTo("expired"));
        assertThat(expiry.run()).as("each consent expires once").isZero();
    }

    private HttpResponse<String> withdraw(IdType consent, String method, String reason) {
        Parameters parameters = new Parameters().addParameter("method", new CodeType(method));
        if (reason != null) {
            parameters.addParameter("reason", new StringType(reason));
        }
        return http("POST", "/" + clinic + "/Consent/" + consent.getIdPart() + "/$withdraw",
                FHIR.newJsonParser().encodeResourceToString(parameters), "application/fhir+json");
    }

    private Map<String, Object> row(IdType consent) {
        return linkedRow(organizationId, "gdpr_consents", "Consent", consent.getIdPart());
    }
}
