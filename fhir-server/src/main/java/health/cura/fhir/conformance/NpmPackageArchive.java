package health.cura.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.cura.conformance.ConformancePackage;
import health.cura.conformance.CuraCanonical;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * The Cura conformance package as a FHIR NPM package ({@code .tgz}: {@code package/package.json}, one JSON file per
 * resource, {@code package/.index.json}), which the HL7 validator and other tools load with {@code -ig}. It depends
 * on R4 and on UK Core STU2 as the FHIR package registry publishes it, {@code fhir.r4.ukcore.stu2}: the definitions we
 * build on ({@code ../shared/fhir/ukcore}) carry the staging repository's own name, {@code UKCore.R4.STU.02.00.00}
 * 2.0.0, which no registry serves, so a validator given our package could not fetch its dependency.
 */
public final class NpmPackageArchive {

    /** The package's name in the NPM sense. */
    public static final String NAME = "health.cura.fhir";

    /** UK Core STU2's first published release: the staging repository's 2.0.0 as the registry serves it. */
    static final String UK_CORE = "fhir.r4.ukcore.stu2";
    static final String UK_CORE_VERSION = "2.0.1";
    private static final String UK_CORE_STAGING = "UKCore.R4.STU.02";

    private static final ObjectMapper JSON = new ObjectMapper();

    private NpmPackageArchive() {
    }

    public static byte[] build(FhirContext fhirContext) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        ObjectNode index = JSON.createObjectNode().put("index-version", 1);
        ArrayNode entries = index.putArray("files");
        var parser = fhirContext.newJsonParser();
        for (MetadataResource definition : ConformancePackage.resources()) {
            // the server assigns stored resources their ids; in the package each has its URL's last segment
            String id = definition.getUrl().substring(definition.getUrl().lastIndexOf('/') + 1);
            MetadataResource resource = definition.copy();
            resource.setId(id);
            String file = resource.fhirType() + "-" + id + ".json";
            files.put("package/" + file, parser.encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
            ObjectNode entry = entries.addObject().put("filename", file).put("resourceType", resource.fhirType())
                    .put("id", id).put("url", resource.getUrl()).put("version", resource.getVersion());
            if (resource instanceof org.hl7.fhir.r4.model.StructureDefinition structure) {
                entry.put("kind", structure.getKind().toCode()).put("type", structure.getType());
            }
        }
        Map<String, byte[]> archive = new LinkedHashMap<>();
        archive.put("package/package.json", manifest());
        archive.putAll(files);
        archive.put("package/.index.json", bytes(index));
        return gzip(Tar.of(archive));
    }

    private static byte[] manifest() {
        ObjectNode manifest = JSON.createObjectNode()
                .put("name", NAME)
                .put("version", ConformancePackage.VERSION)
                .put("canonical", CuraCanonical.BASE)
                .put("title", "Cura FHIR server conformance")
                .put("description", "The Cura profiles (on UK Core), extensions, code systems, value sets, concept "
                        + "maps and search parameters that this server validates and indexes with.")
                .put("author", ConformancePackage.PUBLISHER)
                .put("type", "fhir.ig")
                .put("license", "CC0-1.0");
        manifest.putArray("fhirVersions").add("4.0.1");
        ObjectNode dependencies = manifest.putObject("dependencies").put("hl7.fhir.r4.core", "4.0.1");
        JsonNode ukCore = ukCoreManifest();
        if (ukCore != null && ukCore.get("name").asText().startsWith(UK_CORE_STAGING)) {
            dependencies.put(UK_CORE, UK_CORE_VERSION);
        } else if (ukCore != null) {
            dependencies.put(ukCore.get("name").asText(), ukCore.get("version").asText());
        }
        return bytes(manifest);
    }

    private static JsonNode ukCoreManifest() {
        try (InputStream in = NpmPackageArchive.class.getResourceAsStream("/ukcore/package.json")) {
            return in == null ? null : JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zipped = new GZIPOutputStream(out)) {
            zipped.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
