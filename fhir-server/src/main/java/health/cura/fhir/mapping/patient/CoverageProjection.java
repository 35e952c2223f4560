package health.cura.fhir.mapping.patient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.RowWriter;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.patient.CoverageMapper;
import health.cura.mappings.patient.InsuranceRow;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coverage;
import org.springframework.stereotype.Component;

/**
 * Coverage → {@code patients.insurance_info} and {@code is_insured} of its beneficiary. A patient row holds one
 * insurance: the Coverage written last; deleting the linked Coverage clears it.
 */
@Component
public class CoverageProjection implements ResourceProjection {

    private final RowWriter rows;
    private final ResourceLinks links;
    private final ObjectMapper json;

    public CoverageProjection(RowWriter rows, ResourceLinks links, ObjectMapper json) {
        this.rows = rows;
        this.links = links;
        this.json = json;
    }

    @Override
    public String resourceType() {
        return "Coverage";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        Coverage coverage = (Coverage) resource;
        int organizationId = context.organizationId();
        int patient = CoverageMapper.patientRow(coverage, context.mappingOf(coverage));
        InsuranceRow row = CoverageMapper.toRow(coverage);
        rows.update("UPDATE patients SET insurance_info = ?::jsonb, is_insured = ?, updated_at = now()"
                + " WHERE organization_id = ? AND id = ?", statement -> {
                    statement.setString(1, toJson(row));
                    statement.setBoolean(2, row.insured());
                    statement.setInt(3, organizationId);
                    statement.setInt(4, patient);
                });
        String resourceId = coverage.getIdElement().getIdPart();
        // one Coverage is linked to the row: the latest, which is what the row shows
        links.resourceId(organizationId, PatientProjection.TABLE, patient, "Coverage")
                .filter(linked -> !linked.equals(resourceId))
                .ifPresent(linked -> links.unlinkResource(organizationId, "Coverage", linked));
        if (links.rowId(organizationId, "Coverage", resourceId).isEmpty()) {
            links.link(organizationId, PatientProjection.TABLE, patient, "Coverage", resourceId);
        }
    }

    private String toJson(InsuranceRow row) {
        Map<String, Object> info = new LinkedHashMap<>();
        put(info, "provider", row.provider());
        put(info, "policyNumber", row.policyNumber());
        put(info, "groupNumber", row.groupNumber());
        put(info, "validFrom", row.validFrom() == null ? null : row.validFrom().toString());
        put(info, "validTo", row.validTo() == null ? null : row.validTo().toString());
        try {
            return json.writeValueAsString(info);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write patients.insurance_info", e);
        }
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        int organizationId = context.organizationId();
        links.rowId(organizationId, "Coverage", resourceId).ifPresent(patient -> {
            rows.update("UPDATE patients SET insurance_info = '{}'::jsonb, is_insured = false, updated_at = now()"
                    + " WHERE organization_id = ? AND id = ?", statement -> {
                        statement.setInt(1, organizationId);
                        statement.setInt(2, patient);
                    });
            links.unlinkResource(organizationId, "Coverage", resourceId);
        });
    }
}
