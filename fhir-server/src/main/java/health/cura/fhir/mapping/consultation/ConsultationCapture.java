package health.cura.fhir.mapping.consultation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.RowApplier;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.capture.RowMapping;
import health.cura.fhir.mapping.UnnamedClinician;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.consultation.ConsultationMapper;
import health.cura.mappings.consultation.ConsultationRecord;
import health.cura.mappings.consultation.ConsultationRow;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code consultations} → an Encounter, its vital-sign Observations and its Conditions, for rows other software wrote.
 * Each vital sign of {@code vitals} is the Observation of its LOINC code, each entry of {@code diagnosis} the
 * Condition of that name: changed ones are updated, new ones created, those the row no longer has deleted. The
 * Encounter is merged (owned elements from the row, the clinician's own kept); a consultation deleted by SQL takes its
 * vital signs and diagnoses with it.
 */
@Component
public class ConsultationCapture implements RowApplier {

    private static final String TABLE = "consultations";
    private static final OwnedElements<Encounter> OWNED = OwnedElements.of(Encounter.class)
            .element("status", "class", "subject", "appointment", "period", "length", "reasonCode")
            .items("participant", Encounter.EncounterParticipantComponent.class, p ->
                    "Practitioner".equals(p.getIndividual().getReferenceElement().getResourceType()))
            .build();

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ResourceLinks links;
    private final CapturedWrites writes;
    private final RowDependencies dependencies;
    private final UnnamedClinician unnamedClinician;

    public ConsultationCapture(JdbcTemplate jdbc, ObjectMapper json, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies, UnnamedClinician unnamedClinician) {
        this.unnamedClinician = unnamedClinician;
        this.jdbc = jdbc;
        this.json = json;
        this.links = links;
        this.writes = writes;
        this.dependencies = dependencies;
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public void apply(CapturedRow changed) {
        int clinic = changed.organizationId();
        Optional<String> linked = links.resourceId(clinic, TABLE, changed.rowId(), "Encounter");
        Optional<Encounter> stored = linked.flatMap(id -> writes.read(changed, Encounter.class, id));
        String reference = linked.map(id -> "Encounter/" + id).orElse(null);
        List<Observation> storedVitals = reference == null ? List.of()
                : writes.referring(changed, Observation.class, "encounter", reference).stream()
                        .filter(ConsultationProjection::isVitalSign).toList();
        List<Condition> storedDiagnoses = reference == null ? List.of()
                : writes.referring(changed, Condition.class, "encounter", reference);
        Optional<ConsultationRow> row = read(clinic, changed.rowId());
        if (row.isEmpty()) {
            linked.ifPresent(id -> {
                storedVitals.forEach(o -> writes.delete(changed, "Observation", o.getIdElement().getIdPart()));
                storedDiagnoses.forEach(c -> writes.delete(changed, "Condition", c.getIdElement().getIdPart()));
                writes.delete(changed, "Encounter", id);
                links.unlinkResource(clinic, "Encounter", id);
            });
            return;
        }
        ConsultationRow current = row.get();
        ResolvedLinks.Builder resolved = ResolvedLinks.builder();
        dependencies.link(changed, resolved, "consultations.patient_id", "patients", current.patientId(), "Patient");
        if (!unnamedClinician.is(clinic, current.providerId())) {
            dependencies.link(changed, resolved, "consultations.provider_id", "users", current.providerId(),
                    "Practitioner");
        }
        dependencies.find(changed, "appointments", current.appointmentId(), "Appointment")
                .ifPresent(appointment -> resolved.link("Appointment", appointment, current.appointmentId()));
        MappingContext context = unnamedClinician.mappingContext(clinic, changed.subdomain(), resolved.build());
        ConsultationRecord fromRow = RowMapping.of(TABLE, "Encounter", () -> ConsultationMapper.toFhir(current, context));
        if (stored.isPresent() && says(new ConsultationRecord(stored.get(), storedVitals, storedDiagnoses), current,
                context)) {
            return;
        }
        String encounterId;
        if (linked.isEmpty()) {
            encounterId = writes.create(changed, fromRow.encounter());
            links.link(clinic, TABLE, changed.rowId(), "Encounter", encounterId);
        } else {
            encounterId = linked.get();
            Encounter merged = stored.map(previous -> OWNED.merge(previous, fromRow.encounter()))
                    .orElse(fromRow.encounter());
            writes.updateAsRead(changed, merged, encounterId, stored);
        }
        Reference encounter = new Reference("Encounter/" + encounterId);
        fromRow.vitals().forEach(vital -> vital.setEncounter(encounter));
        fromRow.diagnoses().forEach(diagnosis -> diagnosis.setEncounter(encounter));
        replace(changed, storedVitals, fromRow.vitals(), vital -> vital.getCode().getCodingFirstRep().getCode());
        replace(changed, storedDiagnoses, fromRow.diagnoses(), diagnosis -> diagnosis.getCode().getText());
    }

    /** The row's dependents by their key: the stored one of a key updated, a new key created, a gone key deleted. */
    private <T extends DomainResource> void replace(CapturedRow changed, List<T> stored, List<T> fromRow,
            Function<T, String> key) {
        Map<String, T> previous = new LinkedHashMap<>();
        stored.forEach(resource -> previous.putIfAbsent(key.apply(resource), resource));
        List<T> unused = new ArrayList<>(stored);
        for (T resource : fromRow) {
            T match = previous.remove(key.apply(resource));
            if (match == null) {
                writes.create(changed, resource);
            } else {
                unused.remove(match);
                resource.setId(match.getIdElement().getIdPart());
                writes.update(changed, resource);
            }
        }
        unused.forEach(resource -> writes.delete(changed, resource.fhirType(), resource.getIdElement().getIdPart()));
    }

    private static boolean says(ConsultationRecord stored, ConsultationRow row, MappingContext context) {
        try {
            return Objects.equals(ConsultationMapper.toRow(stored, context), row);
        } catch (UnmappableResourceException | IllegalArgumentException | NoSuchElementException e) {
            return false;
        }
    }

    private Optional<ConsultationRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT appointment_id, patient_id, provider_id, consultation_type, chief_complaint, vitals::text,
                       diagnosis, status, start_time, end_time, duration
                FROM consultations WHERE organization_id = ? AND id = ?""", this::row, organizationId, rowId)
                .stream().findFirst();
    }

    private ConsultationRow row(ResultSet rs, int n) throws SQLException {
        Timestamp start = rs.getTimestamp(9);
        if (start == null) {
            throw new UnmappableResourceException("consultations.start_time", "consultations.start_time is empty");
        }
        Timestamp end = rs.getTimestamp(10);
        Array diagnosis = rs.getArray(7);
        return new ConsultationRow((Integer) rs.getObject(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
                rs.getString(5), vitals(rs.getString(6)),
                diagnosis == null ? List.of() : Arrays.stream((Object[]) diagnosis.getArray())
                        .filter(d -> d != null && !d.toString().isBlank()).map(Object::toString).toList(),
                rs.getString(8), start.toLocalDateTime(), end == null ? null : end.toLocalDateTime(),
                (Integer) rs.getObject(11));
    }

    /** {@code vitals}: {@code {"<LOINC code>": {"name", "value", "unit"}}}. */
    private Map<String, ConsultationRow.VitalSign> vitals(String value) {
        if (value == null) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new UnmappableResourceException("consultations.vitals", "consultations.vitals is not valid JSON");
        }
        if (!node.isObject()) {
            throw new UnmappableResourceException("consultations.vitals", "consultations.vitals is not a JSON object");
        }
        Map<String, ConsultationRow.VitalSign> vitals = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode vital = field.getValue();
            JsonNode number = vital.get("value");
            if (!vital.isObject() || number == null || !(number.isNumber() || number.isTextual())) {
                throw new UnmappableResourceException("consultations.vitals", "consultations.vitals: the entry '"
                        + field.getKey() + "' is not {\"name\", \"value\", \"unit\"} with a value");
            }
            BigDecimal amount;
            try {
                amount = number.isNumber() ? number.decimalValue() : new BigDecimal(number.asText().trim());
            } catch (NumberFormatException e) {
                throw new UnmappableResourceException("consultations.vitals", "consultations.vitals: the value of '"
                        + field.getKey() + "' is not a number");
            }
            vitals.put(field.getKey(), new ConsultationRow.VitalSign(text(vital, "name"), amount,
                    text(vital, "unit")));
        }
        return vitals;
    }

    private static String text(JsonNode entry, String key) {
        JsonNode value = entry.get(key);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
