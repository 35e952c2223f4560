package health.cura.fhir.gdpr;

import static health.cura.fhir.support.BulkExports.awaitManifest;
import static health.cura.fhir.support.BulkExports.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.support.BackendServiceKeys;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/**
 * Consents take effect where they are the basis: a client registered for research receives only patients with a
 * granted, unexpired research consent, in reads, searches and bulk export alike, from the next request after a
 * withdrawal; a care client receives every patient, unless the clinic asks for data sharing consent for care too.
 * Each test has a clinic of its own.
 */
class ConsentGateTest extends ServerTest {


    @Test
    void aResearchClientSeesOnlyPatientsWhoConsentedToResearchUntilTheyWithdraw() {
        String clinic = newTenant("research");
        String consenting = createPatient(client(clinic), "Consenting").getIdPart();
        String silent = createPatient(client(clinic), "Silent").getIdPart();
        String lapsed = createPatient(client(clinic), "Lapsed").getIdPart();
        String consent = create(client(clinic), ClinicalShapes.researchConsent(patient(consenting))).getIdPart();
        Consent old = ClinicalShapes.researchConsent(patient(lapsed));
        old.getProvision().getPeriod().setStartElement(new DateTimeType("2024-01-01T00:00:00Z"))
                .setEndElement(new DateTimeType("2025-01-01T00:00:00Z"));
        create(client(clinic), old);
        String consentingPulse = create(client(clinic), pulse(consenting)).getIdPart();
        String silentPulse = create(client(clinic), pulse(silent)).getIdPart();
        String research = purposeToken(clinic, "research");

        assertThat(ids(getWithToken("/" + clinic + "/Patient", research))).containsExactly(consenting);
        assertThat(ids(getWithToken("/" + clinic + "/Observation", research))).containsExactly(consentingPulse);
        assertThat(getWithToken("/" + clinic + "/Patient/" + consenting, research).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/" + clinic + "/Patient/" + silent, research).statusCode()).isIn(403, 404);
        assertThat(getWithToken("/" + clinic + "/Observation/" + silentPulse, research).statusCode()).isIn(403, 404);
        assertThat(getWithToken("/" + clinic + "/Patient/" + lapsed, research).statusCode())
                .as("an expired consent is no consent, before the job marks it").isIn(403, 404);
        assertThat(ids(getWithToken("/" + clinic + "/Patient", token(clinic))))
                .as("a care client sees everyone").containsExactlyInAnyOrder(consenting, silent, lapsed);

        HttpResponse<String> search = getWithToken("/" + clinic + "/Patient", research);
        assertThat(FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.Bundle.class, search.body()).hasTotal())
                .as("a total would count the patients left out").isFalse();
        for (String telling : List.of("/Patient?_summary=count", "/Observation?_total=accurate",
                "/Practitioner?_has:Observation:performer:subject=Patient/" + silent, "/AuditEvent",
                "/PaymentReconciliation", "/$stock-levels")) {
            HttpResponse<String> refused = getWithToken("/" + clinic + telling, research);
            assertThat(refused.statusCode()).as(telling + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("research consent");
        }

        HttpResponse<String> withdrawn = http("POST", "/" + clinic + "/Consent/" + consent + "/$withdraw",
                FHIR.newJsonParser().encodeResourceToString(new Parameters().addParameter("method",
                        new CodeType("email"))), "application/fhir+json");
        assertThat(withdrawn.statusCode()).isEqualTo(200);
        assertThat(ids(getWithToken("/" + clinic + "/Patient?_count=50", research)))
                .as("the next request after the withdrawal").isEmpty();
        assertThat(getWithToken("/" + clinic + "/Patient/" + consenting, research).statusCode()).isIn(403, 404);
    }

    @Test
    void aResearchClientsBulkExportHoldsOnlyConsentingPatientsRecords() throws Exception {
        String clinic = newTenant("research-export");
        String consenting = createPatient(client(clinic), "Exportable").getIdPart();
        String silent = createPatient(client(clinic), "Unexportable").getIdPart();
        create(client(clinic), ClinicalShapes.researchConsent(patient(consenting)));
        String consentingPulse = create(client(clinic), pulse(consenting)).getIdPart();
        String silentPulse = create(client(clinic), pulse(silent)).getIdPart();
        String research = purposeToken(clinic, "research");
        HttpResponse<String> kickOff = http("GET", "/" + clinic + "/$export?_type=Patient,Observation", null, null,
                "Prefer", "respond-async", "Authorization", "Bearer " + research);
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        JsonNode manifest = awaitManifest(kickOff.headers().firstValue("Content-Location").orElseThrow(), research);
        List<String> lines = new ArrayList<>();
        for (JsonNode file : manifest.path("output")) {
            lines.addAll(send(file.get("url").asText(), research, "application/fhir+ndjson").body().lines()
                    .filter(line -> !line.isBlank()).toList());
        }
        String exported = String.join("\n", lines);
        assertThat(exported).contains(consenting, consentingPulse).doesNotContain(silent, silentPulse);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM gdpr_audit_trail a
                JOIN fhir_resource_links l ON l.organization_id = a.organization_id AND l.table_name = 'patients'
                                          AND l.row_id = a.patient_id
                WHERE a.organization_id = ? AND a.action = 'export' AND l.resource_id = ?""", Integer.class,
                organizationId(clinic), silent)).as("what was left out is not recorded as exported").isZero();
    }

    @Test
    void aClinicMayAskForDataSharingConsentForCareClientsToo() {
        String clinic = newTenant("sharing");
        jdbc.update("UPDATE organizations SET settings = coalesce(settings, '{}'::jsonb) "
                + "|| '{\"gdpr\": {\"careRequiresDataSharing\": true}}'::jsonb WHERE subdomain = ?", clinic);
        String sharing = createPatient(client(clinic), "Sharing").getIdPart();
        String other = createPatient(client(clinic), "Private").getIdPart();
        Consent consent = ClinicalShapes.researchConsent(patient(sharing));
        consent.getScope().getCodingFirstRep().setCode("patient-privacy");
        consent.getCategory().clear();
        consent.addCategory().addCoding(new Coding(CuraEnums.CONSENT_TYPE.system(), "data_sharing", "Data sharing"));
        create(client(clinic), consent);
        String care = tokenWithScopes(clinic, "system/*.rs");
        assertThat(ids(getWithToken("/" + clinic + "/Patient", care))).containsExactly(sharing);
        assertThat(getWithToken("/" + clinic + "/Patient/" + other, care).statusCode()).isIn(403, 404);
    }

    @Test
    void anUnknownPurposeIsRefused() {
        String clinic = newTenant("purposes");
        HttpResponse<String> refused = register(clinic, "spam");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("purpose must be care, research, marketing or sharing");
    }

    // --- helpers

    private static Reference patient(String id) {
        return new Reference("Patient/" + id);
    }

    /** A backend service registered through {@code $register-client} with that purpose, and its token. */
    private String purposeToken(String clinic, String purpose) {
        HttpResponse<String> registered = register(clinic, purpose);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String clientId = FHIR.newJsonParser().parseResource(Parameters.class, registered.body())
                .getParameterValue("client_id").primitiveValue();
        return BackendServiceKeys.requestToken(tokenEndpoint(), "system/*.rs",
                CLINIC_KEYS.assertion(clientId, tokenEndpoint(), Map.of())).accessToken();
    }

    private HttpResponse<String> register(String clinic, String purpose) {
        Parameters in = new Parameters();
        in.addParameter("tenant", new StringType(clinic));
        in.addParameter("name", new StringType("Study of " + clinic));
        in.addParameter("kind", new StringType("backend-service"));
        in.addParameter("scope", new StringType("system/*.rs"));
        in.addParameter("jwks", new StringType(CLINIC_KEYS.publicJwks()));
        in.addParameter("purpose", new CodeType(purpose));
        return http("POST", "/DEFAULT/$register-client", FHIR.newJsonParser().encodeResourceToString(in),
                "application/fhir+json");
    }

    private static List<String> ids(HttpResponse<String> bundle) {
        assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.Bundle.class, bundle.body()).getEntry()
                .stream().filter(e -> e.getResource() != null && !"OperationOutcome".equals(e.getResource().fhirType()))
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }
}
