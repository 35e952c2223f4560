package health.cura.fhir.mapping.consultation;

import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.TenantResources;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.consultation.ConsultationMapper;
import health.cura.mappings.consultation.ConsultationRecord;
import health.cura.mappings.consultation.ConsultationRow;
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

    private final LinkedRows rows;
    private final TenantResources resources;

    public ConsultationProjection(LinkedRows rows, TenantResources resources) {
        this.rows = rows;
        this.resources = resources;
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
        if (!encounter.getPeriod().hasStart()) {
            // planned, not yet begun: a consultation row records one that started, so the encounter lives in FHIR
            // alone until it has a start; a row it had keeps its times and takes its status
            rows.set(context, CuraTables.CONSULTATIONS, "Encounter", resourceId,
                    RowValues.of().set("status", ConsultationMapper.status(encounter)));
            return;
        }
        List<Observation> vitals = resources.referring(context, Observation.class, "encounter", reference).stream()
                .filter(ConsultationProjection::isVitalSign)
                .toList();
        List<Condition> diagnoses = resources.referring(context, Condition.class, "encounter", reference);
        ConsultationRow row = ConsultationMapper.toRow(new ConsultationRecord(encounter, vitals, diagnoses),
                context.mappingOf(encounter));
        rows.save(context, CuraTables.CONSULTATIONS, "Encounter", resourceId, values(row));
        context.refreshed().add(reference);
    }

    static boolean isVitalSign(Observation observation) {
        return observation.getCategory().stream().anyMatch(c -> c.getCoding().stream()
                .anyMatch(coding -> ConsultationMapper.VITAL_SIGNS.equals(coding.getCode())));
    }

    private static RowValues values(ConsultationRow row) {
        return RowValues.of()
                .set("appointment_id", row.appointmentId())
                .set("patient_id", row.patientId())
                .set("provider_id", row.providerId())
                .set("consultation_type", row.consultationType())
                .set("chief_complaint", row.chiefComplaint())
                .set("vitals", vitals(row.vitals()))
                .set("diagnosis", row.diagnosis())
                .set("status", row.status())
                .set("start_time", row.startTime())
                .set("end_time", row.endTime())
                .set("duration", row.duration());
    }

    /** {@code vitals}: {@code {"<LOINC code>": {"name", "value", "unit"}}}. */
    private static Map<String, Map<String, Object>> vitals(Map<String, ConsultationRow.VitalSign> vitals) {
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
        return entries;
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        rows.set(context, CuraTables.CONSULTATIONS, "Encounter", resource.getIdElement().getIdPart(),
                RowValues.of().set("status", "cancelled"));
    }
}
