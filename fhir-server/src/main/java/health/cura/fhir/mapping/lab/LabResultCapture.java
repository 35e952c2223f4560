package health.cura.fhir.mapping.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.mapping.UnnamedClinician;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.RowApplier;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.capture.RowMapping;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.lab.LabReport;
import health.cura.mappings.lab.LabResultMapper;
import health.cura.mappings.lab.LabResultRow;
import health.cura.mappings.lab.LabValue;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code lab_results} → a DiagnosticReport and its result Observations, for rows other software wrote. The
 * Observations are the row's {@code results}, one per entry in order: a changed entry updates its Observation, a new
 * one is created, a removed one deleted once the report no longer points at it. The report is merged (owned elements
 * from the row, the client's own kept); a report deleted by SQL takes its Observations with it.
 */
@Component
public class LabResultCapture implements RowApplier {

    private static final String TABLE = "lab_results";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ResourceLinks links;
    private final CapturedWrites writes;
    private final RowDependencies dependencies;
    private final UnnamedClinician unnamedClinician;

    public LabResultCapture(JdbcTemplate jdbc, ObjectMapper json, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies, UnnamedClinician unnamedClinician) {
        this.jdbc = jdbc;
        this.json = json;
        this.links = links;
        this.writes = writes;
        this.dependencies = dependencies;
        this.unnamedClinician = unnamedClinician;
    }

    @Override
    public String table() {
        return TABLE;
    }

    /** What a row supplies of its report: the lab number, status, category, code, subject, performer, time, results. */
    private static OwnedElements<DiagnosticReport> owned(String subdomain) {
        String numbers = CuraCanonical.labNumberSystem(subdomain);
        return OwnedElements.of(DiagnosticReport.class)
                .element("status", "category", "code", "subject", "effective[x]", "conclusion", "result")
                // the row's clinician; a lab Organization the client named stays
                .items("performer", Reference.class,
                        r -> "Practitioner".equals(r.getReferenceElement().getResourceType()))
                .items("identifier", Identifier.class, i -> numbers.equals(i.getSystem()))
                .build();
    }

    @Override
    public void apply(CapturedRow changed) {
        int clinic = changed.organizationId();
        Optional<String> linked = links.resourceId(clinic, TABLE, changed.rowId(), "DiagnosticReport");
        Optional<DiagnosticReport> stored = linked.flatMap(id -> writes.read(changed, DiagnosticReport.class, id));
        List<Observation> storedResults = stored.map(report -> results(changed, report)).orElse(List.of());
        Optional<LabResultRow> row = read(clinic, changed.rowId());
        if (row.isEmpty()) {
            linked.ifPresent(id -> {
                writes.delete(changed, "DiagnosticReport", id);
                storedResults.forEach(o -> writes.delete(changed, "Observation", o.getIdElement().getIdPart()));
                links.unlinkResource(clinic, "DiagnosticReport", id);
            });
            return;
        }
        LabResultRow current = row.get();
        ResolvedLinks.Builder resolved = ResolvedLinks.builder();
        dependencies.link(changed, resolved, "lab_results.patient_id", "patients", current.patientId(), "Patient");
        if (!unnamedClinician.is(clinic, current.orderedBy())) {
            dependencies.link(changed, resolved, "lab_results.ordered_by", "users", current.orderedBy(),
                    "Practitioner");
        }
        MappingContext context = unnamedClinician.mappingContext(clinic, changed.subdomain(), resolved.build());
        LabReport fromRow = RowMapping.of(TABLE, "DiagnosticReport", () -> LabResultMapper.toFhir(current, context));
        if (stored.isPresent() && says(stored.get(), storedResults, current, context)) {
            return;
        }
        List<Reference> results = new ArrayList<>();
        for (int i = 0; i < fromRow.results().size(); i++) {
            Observation observation = fromRow.results().get(i);
            if (i < storedResults.size()) {
                String id = storedResults.get(i).getIdElement().getIdPart();
                observation.setId(id);
                writes.update(changed, observation);
                results.add(new Reference("Observation/" + id));
            } else {
                results.add(new Reference("Observation/" + writes.create(changed, observation)));
            }
        }
        DiagnosticReport report = fromRow.report().setResult(results);
        if (linked.isEmpty()) {
            links.link(clinic, TABLE, changed.rowId(), "DiagnosticReport", writes.create(changed, report));
        } else {
            DiagnosticReport merged = stored.map(previous -> owned(changed.subdomain()).merge(previous, report))
                    .orElse(report);
            writes.updateAsRead(changed, merged, linked.get(), stored);
        }
        for (int i = fromRow.results().size(); i < storedResults.size(); i++) {
            writes.delete(changed, "Observation", storedResults.get(i).getIdElement().getIdPart());
        }
    }

    private boolean says(DiagnosticReport stored, List<Observation> results, LabResultRow row, MappingContext context) {
        try {
            return Objects.equals(LabResultMapper.toRow(new LabReport(stored, results), OptionalInt.empty(), context),
                    row);
        } catch (UnmappableResourceException | IllegalArgumentException | NoSuchElementException e) {
            return false;
        }
    }

    /** The report's result Observations as stored, in its order. */
    private List<Observation> results(CapturedRow changed, DiagnosticReport report) {
        List<Observation> results = new ArrayList<>();
        for (Reference result : report.getResult()) {
            if ("Observation".equals(result.getReferenceElement().getResourceType())) {
                writes.read(changed, Observation.class, result.getReferenceElement().getIdPart())
                        .ifPresent(results::add);
            }
        }
        return results;
    }

    private Optional<LabResultRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT patient_id, ordered_by, lab_number, test_type, test_date, results::text, status, notes
                FROM lab_results WHERE organization_id = ? AND id = ?""", this::row, organizationId, rowId)
                .stream().findFirst();
    }

    private LabResultRow row(ResultSet rs, int n) throws SQLException {
        String status = rs.getString(7);
        if (status == null || !CuraEnums.LAB_RESULT_STATUS.contains(status)) {
            throw new UnmappableResourceException("lab_results.status", "lab_results.status '" + status
                    + "' is not one of the documented values");
        }
        Timestamp tested = rs.getTimestamp(5);
        return new LabResultRow(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4) == null ? ""
                : rs.getString(4), tested == null ? null : tested.toLocalDateTime(), values(rs.getString(6)), status,
                rs.getString(8));
    }

    /** {@code results}: a JSON array of objects, each with at least a name. */
    private List<LabValue> values(String value) {
        if (value == null) {
            return List.of();
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new UnmappableResourceException("lab_results.results", "lab_results.results is not valid JSON");
        }
        if (!node.isArray()) {
            throw new UnmappableResourceException("lab_results.results", "lab_results.results is not a JSON array");
        }
        List<LabValue> values = new ArrayList<>();
        for (JsonNode entry : node) {
            String name = text(entry, "name");
            if (!entry.isObject() || name == null) {
                throw new UnmappableResourceException("lab_results.results",
                        "lab_results.results holds an entry that is not an object with a name");
            }
            values.add(new LabValue(name, text(entry, "code"), text(entry, "system"), number(entry, "value"),
                    text(entry, "text"), text(entry, "unit"), number(entry, "low"), number(entry, "high"),
                    text(entry, "flag")));
        }
        return values;
    }

    private static String text(JsonNode entry, String key) {
        JsonNode value = entry.get(key);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static BigDecimal number(JsonNode entry, String key) {
        JsonNode value = entry.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new UnmappableResourceException("lab_results.results", "lab_results.results: '" + key
                    + "' of an entry is not a number");
        }
    }
}
