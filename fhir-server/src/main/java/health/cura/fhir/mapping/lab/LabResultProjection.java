package health.cura.fhir.mapping.lab;

import health.cura.conformance.CuraCanonical;
import health.cura.fhir.mapping.BusinessNumbers;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.NumberKind;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.TenantResources;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.Clinicians;
import health.cura.mappings.MappingContext;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.lab.LabReport;
import health.cura.mappings.lab.LabResultMapper;
import health.cura.mappings.lab.LabResultRow;
import health.cura.mappings.lab.LabValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * DiagnosticReport (+ its result Observations) → {@code lab_results}. The Observations are read in the same
 * transaction; a result that is not an Observation of this clinic is refused. The documented statuses have no
 * withdrawn value, so a FHIR delete removes the row (and its link).
 */
@Component
public class LabResultProjection implements ResourceProjection {

    private final LinkedRows rows;
    private final ResourceLinks links;
    private final BusinessNumbers numbers;
    private final TenantResources resources;

    public LabResultProjection(LinkedRows rows, ResourceLinks links, BusinessNumbers numbers,
            TenantResources resources) {
        this.rows = rows;
        this.links = links;
        this.numbers = numbers;
        this.resources = resources;
    }

    @Override
    public String resourceType() {
        return "DiagnosticReport";
    }

    @Override
    public void prepare(IBaseResource resource, IBaseResource previous, ProjectionContext context) {
        numbers.assignIfMissing(((DiagnosticReport) resource).getIdentifier(),
                previous == null ? List.of() : ((DiagnosticReport) previous).getIdentifier(),
                CuraCanonical.labNumberSystem(context.tenant().subdomain()), Identifier.IdentifierUse.OFFICIAL,
                context.organizationId(), NumberKind.LAB);
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        DiagnosticReport report = (DiagnosticReport) resource;
        String resourceId = report.getIdElement().getIdPart();
        List<Observation> observations = new ArrayList<>();
        for (Reference result : report.getResult()) {
            observations.add(resources.read(context, Observation.class, result).orElseThrow(() ->
                    new UnmappableResourceException("DiagnosticReport.result",
                            "DiagnosticReport.result must reference Observations of this clinic")));
        }
        Optional<Encounter> encounter = resources.read(context, Encounter.class, report.getEncounter());
        MappingContext mapping = context.mappingOf(report, encounter.orElse(null));
        LabResultRow row = LabResultMapper.toRow(new LabReport(report, observations),
                encounter.map(found -> encounterPractitioner(found, mapping)).orElse(OptionalInt.empty()), mapping);
        int organizationId = context.organizationId();
        OptionalInt existing = links.rowId(organizationId, "DiagnosticReport", resourceId);
        numbers.requireUnused(organizationId, NumberKind.LAB, row.labNumber(), existing, "DiagnosticReport.identifier");
        rows.save(context, CuraTables.LAB_RESULTS, "DiagnosticReport", resourceId, existing, values(row));
    }

    /** The first Practitioner of this clinic taking part in the report's encounter, if it has one. */
    private static OptionalInt encounterPractitioner(Encounter encounter, MappingContext mapping) {
        return Clinicians.named(encounter.getParticipant().stream()
                .map(Encounter.EncounterParticipantComponent::getIndividual).toList(), mapping.links());
    }

    private static RowValues values(LabResultRow row) {
        return RowValues.of()
                .set("patient_id", row.patientId())
                .set("ordered_by", row.orderedBy())
                .set("lab_number", row.labNumber())
                .set("test_type", row.testType())
                .set("test_date", row.testDate())
                .set("results", results(row.results()))
                .set("status", row.status())
                .set("notes", row.notes());
    }

    /** {@code results}: one object per value, with only the keys that have a value. */
    private static List<Map<String, Object>> results(List<LabValue> values) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (LabValue value : values) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", value.name());
            put(entry, "code", value.code());
            put(entry, "system", value.system());
            put(entry, "value", value.value());
            put(entry, "text", value.text());
            put(entry, "unit", value.unit());
            put(entry, "low", value.low());
            put(entry, "high", value.high());
            put(entry, "flag", value.flag());
            entries.add(entry);
        }
        return entries;
    }

    private static void put(Map<String, Object> entry, String key, Object value) {
        if (value != null) {
            entry.put(key, value);
        }
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        rows.delete(context, CuraTables.LAB_RESULTS, "DiagnosticReport", resource.getIdElement().getIdPart());
    }
}
