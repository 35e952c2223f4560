package health.cura.fhir.mapping.consultation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
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
    private static final LinkedRows.Table TABLE_ROWS = new LinkedRows.Table(TABLE, "appointment_id, patient_id, "
            + "provider_id, consultation_type, chief_complaint, vitals, diagnosis, status, start_time, end_time, duration",
            "?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?", true);

    private final LinkedRows rows;
    private final TenantResources resources;
    private final ObjectMapper json;

    public ConsultationProjection(LinkedRows rows, TenantResources resources, ObjectMapper json) {
        this.rows = rows;
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
                context.mappingOf(encounter));
        rows.save(context, TABLE_ROWS, "Encounter", resourceId, statement -> bind(statement, row));
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
        rows.set(context, TABLE_ROWS, "Encounter", resource.getIdElement().getIdPart(), "status = 'cancelled'");
    }
}
