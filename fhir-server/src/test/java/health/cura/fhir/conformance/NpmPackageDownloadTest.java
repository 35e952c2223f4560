package health.cura.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.conformance.UkCore;
import health.cura.fhir.support.ServerTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;

/** The conformance package is downloadable, by anyone, as a FHIR NPM package outside validators load (finding 5). */
class NpmPackageDownloadTest extends ServerTest {

    @Test
    void thePackageLoadsAsAnNpmPackageWithEveryProfileOnUkCore() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/conformance/package.tgz")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/gzip");
        NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(response.body()));
        assertThat(npm.name()).isEqualTo("health.cura.fhir");
        assertThat(npm.fhirVersion()).isEqualTo("4.0.1");
        assertThat(npm.dependencies()).contains("hl7.fhir.r4.core#4.0.1", "fhir.r4.ukcore.stu2#2.0.1");
        String profile = new String(npm.load("package", "StructureDefinition-cura-medication-request.json")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(profile).contains("\"baseDefinition\":\"" + UkCore.profile("MedicationRequest") + "\"");
        assertThat(npm.listResources("StructureDefinition")).hasSizeGreaterThanOrEqualTo(14);
        assertThat(npm.listResources("CodeSystem")).isNotEmpty();
    }
}
