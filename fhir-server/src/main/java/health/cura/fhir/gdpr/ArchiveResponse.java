package health.cura.fhir.gdpr;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The ZIP of a patient's records as an HTTP answer: a download, never cached. */
final class ArchiveResponse {

    private ArchiveResponse() {}

    static void send(HttpServletResponse response, String patient, byte[] zip) throws IOException {
        response.setStatus(200);
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"patient-" + patient + "-records.zip\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(zip.length);
        response.getOutputStream().write(zip);
    }
}
