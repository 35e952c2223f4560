package health.cura.fhir.mapping.consultation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.RowLinkRepository;
import health.cura.fhir.mapping.RowWriter;
import health.cura.fhir.mapping.TenantResources;
import health.cura.mappings.consultation.ConsultationMapper;
import health.cura.mappings.consultation.ConsultationRecord;
import health.cura.mappings.consultation.ConsultationRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;

/**
 * Encounter (+ its vital-sign Observations and Conditions) → {@code consultations}. The vitals and diagnoses are read
 * from the resources that refer to the encounter, so they are right whichever is written first; a FHIR delete cancels
 * the row.
 */
@Component
public class ConsultationProjection implements ResourceProjection {

    static final String TABLE = "consultations";
    private static final String COLUMNS = "appointment_id, patient_id, provider_id, consultation_type, chief_complaint, "
            + "vitals, diagnosis, status, start_time, end_time, duration";
    private static final String VALUES = "?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?";

    private final RowWriter rows;
    private final RowLinkRepository links;
    private final TenantResources resources;
    private final ObjectMapper json;

    public ConsultationProjection(RowWriter rows, RowLinkRepository links, TenantResources resources,
            ObjectMapper json) {
        this.rows = rows;
        this.links = links;
        this.resources = resources;
        this.json = json;
    }

    @Override
    public String resourceType() {
        return "Encounter";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        Encounter encounter = (Encounter) resource;
        String resourceId = encounter.getIdElement().getIdPart();
        String reference = "Encounter/" + resourceId;
        List<Observation> vitals = resources.referring(context, Observation.class, "encounter", reference).stream()
                .filter(ConsultationProjection::isVitalSign)
                .toList();
        List<Condition> diagnoses = resources.referring(context, Condition.class, "encounter", reference);
        ConsultationRow row = ConsultationMapper.toRow(new ConsultationRecord(encounter, vitals, diagnoses),
                context.mapping());
        int organizationId = context.organizationId();
        links.save(organizationId, TABLE, "Encounter", resourceId, links.rowId(organizationId, "Encounter", resourceId),
                id -> rows.update("UPDATE consultations SET (" + COLUMNS + ", updated_at) = (" + VALUES + ", now())"
                        + " WHERE organization_id = ? AND id = ?", statement -> {
                            bind(statement, row);
                            statement.setInt(12, organizationId);
                            statement.setInt(13, id);
                        }),
                () -> rows.insert("INSERT INTO consultations (" + COLUMNS + ", organization_id) VALUES (" + VALUES
                        + ", ?)", statement -> {
                            bind(statement, row);
                            statement.setInt(12, organizationId);
                        }));
        context.refreshed().add(reference);
    }

    static boolean isVitalSign(Observation observation) {
        return observation.getCategory().stream().anyMatch(c -> c.getCoding().stream()
                .anyMatch(coding -> ConsultationMapper.VITAL_SIGNS.equals(coding.getCode())));
    }

    private void bind(PreparedStatement statement, ConsultationRow row) throws SQLException {
        statement.setObject(1, row.appointmentId(), Types.INTEGER);
        statement.setInt(2, row.patientId());
        statement.setInt(3, row.providerId());
        statement.setString(4, row.consultationType());
        statement.setString(5, row.chiefComplaint());
        statement.setString(6, vitals(row.vitals()));
        statement.setArray(7, statement.getConnection().createArrayOf("text", row.diagnosis().toArray()));
        statement.setString(8, row.status());
        statement.setObject(9, row.startTime());
        statement.setObject(10, row.endTime());
        statement.setObject(11, row.duration(), Types.INTEGER);
    }

    /** {@code vitals}: {@code {"<LOINC code>": {"name", "value", "unit"}}}. */
    private String vitals(Map<String, ConsultationRow.VitalSign> vitals) {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        vitals.forEach((code, vital) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", vital.name());
            entry.put("value", vital.value());
            if (vital.unit() != null) {
                entry.put("unit", vital.unit());
            }
            entries.put(code, entry);
        });
        try {
            return json.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write consultations.vitals", e);
        }
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        links.rowId(context.organizationId(), "Encounter", resourceId).ifPresent(id -> rows.update(
                "UPDATE consultations SET status = 'cancelled', updated_at = now() WHERE organization_id = ? AND id = ?",
                statement -> {
                    statement.setInt(1, context.organizationId());
                    statement.setInt(2, id);
                }));
    }
}
