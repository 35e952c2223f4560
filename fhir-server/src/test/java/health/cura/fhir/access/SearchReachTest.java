package health.cura.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A search cannot look into, or bring back, a type the token's scopes do not read (issue 15, point 4). */
class SearchReachTest extends ServerTest {

    private static String clinic;
    private static String patientsOnly;
    private static String patientsAndObservations;

    @BeforeEach
    void clinic() {
        if (clinic == null) {
            clinic = newTenant("reach");
            String patient = createPatient(client(clinic), "Reachable").getIdPart();
            create(client(clinic), pulse(patient));
            patientsOnly = tokenWithScopes(clinic, "system/Patient.rs");
            patientsAndObservations = tokenWithScopes(clinic, "system/Patient.rs", "system/Observation.rs");
        }
    }

    @Test
    void aPatientsOnlyTokenCannotAskAboutOrBringBackOtherTypes() {
        String[][] cases = {
            {"Patient?_has:Observation:subject:code=8867-4", "'_has:Observation:subject:code' reaches Observation"},
            {"Patient?general-practitioner.name=Smith", "reaches Practitioner"},
            {"Patient?general-practitioner:Practitioner.name=Smith", "reaches Practitioner"},
            {"Patient?_revinclude=Observation:subject", "'_revinclude' reaches Observation"},
            {"Patient?_include=Patient:general-practitioner:Practitioner", "'_include' reaches Practitioner"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = getWithToken("/" + clinic + "/" + c[0], patientsOnly);

            assertThat(response.statusCode()).as(c[0]).isEqualTo(403);
            assertThat(response.body()).as(c[0]).contains("OperationOutcome").contains(c[1]);
        }
        assertThat(getWithToken("/" + clinic + "/Patient?family=Reachable", patientsOnly).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTokenThatReadsTheOtherTypeMayUseIt() {
        HttpResponse<String> has = getWithToken("/" + clinic + "/Patient?_has:Observation:subject:code=8867-4",
                patientsAndObservations);
        HttpResponse<String> revinclude = getWithToken("/" + clinic + "/Patient?family=Reachable"
                + "&_revinclude=Observation:subject", patientsAndObservations);

        assertThat(has.statusCode()).as(has.body()).isEqualTo(200);
        assertThat(entries(has.body())).anyMatch(e -> e.contains("Reachable"));
        assertThat(revinclude.statusCode()).as(revinclude.body()).isEqualTo(200);
        assertThat(entries(revinclude.body())).anyMatch(e -> e.contains("\"Observation\""));
    }
}
