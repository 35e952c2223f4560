package health.cura.fhir.mapping.patient;

import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.fhir.tables.TableRows;
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

    private final TableRows rows;
    private final ResourceLinks links;

    public CoverageProjection(TableRows rows, ResourceLinks links) {
        this.rows = rows;
        this.links = links;
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
        rows.update(CuraTables.PATIENTS, organizationId, patient, RowValues.of()
                .set("insurance_info", insuranceInfo(row))
                .set("is_insured", row.insured()));
        String resourceId = coverage.getIdElement().getIdPart();
        // one Coverage is linked to the row: the latest, which is what the row shows
        links.resourceId(organizationId, CuraTables.PATIENTS.name(), patient, "Coverage")
                .filter(linked -> !linked.equals(resourceId))
                .ifPresent(linked -> links.unlinkResource(organizationId, "Coverage", linked));
        if (links.rowId(organizationId, "Coverage", resourceId).isEmpty()) {
            links.link(organizationId, CuraTables.PATIENTS.name(), patient, "Coverage", resourceId);
        }
    }

    private static Map<String, Object> insuranceInfo(InsuranceRow row) {
        Map<String, Object> info = new LinkedHashMap<>();
        put(info, "provider", row.provider());
        put(info, "policyNumber", row.policyNumber());
        put(info, "groupNumber", row.groupNumber());
        put(info, "validFrom", row.validFrom() == null ? null : row.validFrom().toString());
        put(info, "validTo", row.validTo() == null ? null : row.validTo().toString());
        return info;
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
            rows.update(CuraTables.PATIENTS, organizationId, patient, RowValues.of()
                    .set("insurance_info", Map.of())
                    .set("is_insured", false));
            links.unlinkResource(organizationId, "Coverage", resourceId);
        });
    }
}
