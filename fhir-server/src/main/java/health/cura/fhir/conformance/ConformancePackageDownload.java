package health.cura.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import health.cura.conformance.ConformancePackage;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /conformance/package.tgz} (and under its versioned file name): the Cura conformance package as a FHIR NPM
 * package, for anyone, so that outside validators can check what this server returns against the Cura profiles as
 * well as UK Core ({@code java -jar validator_cli.jar -ig package.tgz -ig <UK Core> ...}).
 */
@RestController
public class ConformancePackageDownload {

    static final String FILE_NAME = NpmPackageArchive.NAME + "-" + ConformancePackage.VERSION + ".tgz";

    private final byte[] archive;

    public ConformancePackageDownload(FhirContext fhirContext) {
        // built once: the package is part of this server's code, the same until it is upgraded
        this.archive = NpmPackageArchive.build(fhirContext);
    }

    @GetMapping({"/conformance/package.tgz", "/conformance/" + FILE_NAME})
    public ResponseEntity<byte[]> download() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/gzip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + FILE_NAME + "\"")
                .cacheControl(CacheControl.noCache())
                .body(archive);
    }
}
