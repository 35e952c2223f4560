package health.cura.fhir.gdpr;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The ZIP a patient is given: {@code README.txt} (what it holds, in words), {@code manifest.json} (counts),
 * {@code fhir/records.json} (a FHIR R4 Bundle of type collection holding every version of every record, each entry's
 * fullUrl naming its version) and {@code rows/<table>.json} (the clinic's rows as JSON arrays of objects, one per row,
 * each column by name).
 */
public class RecordArchive {

    private final FhirContext fhir;
    private final ObjectMapper json;

    public RecordArchive(FhirContext fhir, ObjectMapper json) {
        this.fhir = fhir;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** @param base the clinic's FHIR base, which each entry's fullUrl starts with */
    public byte[] zip(PatientRecordCollector.Contents contents, String base, String clinicName, String patient,
            Instant made) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(java.util.Date.from(made));
        for (IBaseResource version : contents.versions()) {
            bundle.addEntry().setFullUrl(base + "/" + version.getIdElement().toUnqualified().getValue()).setResource((Resource) version);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, "README.txt", readme(contents, clinicName, made));
            put(zip, "manifest.json", manifest(contents, patient, made));
            put(zip, "fhir/records.json", fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle));
            for (Map.Entry<String, List<Map<String, Object>>> table : contents.rows().entrySet()) {
                put(zip, "rows/" + table.getKey() + ".json", json.writeValueAsString(table.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the export's archive", e);
        }
        return bytes.toByteArray();
    }

    private String manifest(PatientRecordCollector.Contents contents, String patient, Instant made)
            throws JsonProcessingException {
        ObjectNode manifest = json.createObjectNode().put("patient", "Patient/" + patient)
                .put("made", made.toString()).put("fhirVersion", "4.0.1")
                .put("records", contents.records().size()).put("versions", contents.versions().size())
                .put("withheld", contents.withheld().size());
        contents.withheld().forEach(manifest.putArray("withheldRecords")::add);
        ObjectNode tables = manifest.putObject("rows");
        contents.rows().forEach((table, rows) -> tables.put(table, rows.size()));
        return json.writeValueAsString(manifest);
    }

    private static String readme(PatientRecordCollector.Contents contents, String clinicName, Instant made) {
        return """
                Your records held by %s, as they stood at %s (UTC).

                fhir/records.json  Your health records in the FHIR R4 standard, which other health software can read:
                                   %d records, with every earlier version of each (%d versions in all).
                rows/              The same information as the clinic's own system keeps it, one file per table,
                                   each a list of rows: appointments, consultations, prescriptions, lab results,
                                   images, invoices, payments, claims, messages to you, your consents, your requests,
                                   and the record of who looked at or changed your records (gdpr_audit_trail).
                manifest.json      What this archive holds, counted.

                Records that are also about another person are not included (%d), to protect their privacy; ask the
                clinic if you need them. Times are in UTC.
                """.formatted(clinicName, made, contents.records().size(), contents.versions().size(),
                contents.withheld().size());
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
