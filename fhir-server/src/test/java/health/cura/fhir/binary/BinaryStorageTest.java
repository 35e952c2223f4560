package health.cura.fhir.binary;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Binary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A Binary's content lives in the configured directory, out of the stored resource, and reads back byte for byte. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinaryStorageTest extends ServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private String tenant;

    @BeforeAll
    void clinic() {
        tenant = newTenant("binaries");
    }

    @Test
    void anImageIsStoredOnDiskAndReadBackUnchanged() throws Exception {
        byte[] image = new byte[200_000];
        new Random(3).nextBytes(image);
        long filesBefore = filesIn(BINARY_DIRECTORY);

        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base() + "/" + tenant + "/Binary"))
                .header("Authorization", "Bearer " + token(tenant))
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/Binary/([^/]+)/.*", "$1");

        HttpResponse<byte[]> raw = http.send(HttpRequest.newBuilder(
                URI.create(base() + "/" + tenant + "/Binary/" + id)).header("Accept", "image/png")
                        .header("Authorization", "Bearer " + token(tenant)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(Arrays.equals(raw.body(), image)).as("raw content read back").isTrue();

        Binary asFhir = client(tenant).read().resource(Binary.class).withId(id).execute();
        assertThat(asFhir.getContentType()).isEqualTo("image/png");
        assertThat(Arrays.equals(asFhir.getData(), image)).as("FHIR Binary.data read back").isTrue();

        assertThat(filesIn(BINARY_DIRECTORY)).isGreaterThan(filesBefore);
        String stored = jdbc.queryForObject("SELECT coalesce(v.res_text_vc, '') FROM hapi.hfj_res_ver v"
                + " JOIN hapi.hfj_resource r ON r.res_id = v.res_id AND r.partition_id = v.partition_id"
                + " WHERE r.fhir_id = ? AND r.res_type = 'Binary'", String.class, id);
        assertThat(stored.length()).as("the stored resource holds a reference, not the bytes").isLessThan(2_000);

        HttpResponse<String> otherClinic = get("/" + newTenant("elsewhere") + "/Binary/" + id);
        assertThat(otherClinic.statusCode()).isEqualTo(404);
    }

    private static long filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
