package health.cura.fhir.gdpr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDaoPatient;
import ca.uhn.fhir.jpa.api.dao.PatientEverythingParameters;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.FhirTerser;
import health.cura.fhir.audit.PatientsOfRecord;
import health.cura.fhir.tables.Column;
import health.cura.fhir.tables.CuraTable;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.DataKind;
import health.cura.fhir.tables.PatientColumn;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything the clinic holds about one patient, for an export to them: every row of every table the registry says
 * holds patient data ({@link CuraTables#withPatientData()}, found by the patient's row id or patient number; secret
 * columns left out) and of the restrictions of their processing; and every version of every FHIR record about them:
 * the records of their compartment ({@code $everything}), the records linked to their rows (payments, data subject
 * requests, withdrawn consents, which lie outside the compartment or are deleted in FHIR), and the Binary files their
 * records attach. A FHIR record that is also about another patient is withheld and counted, so that nothing about
 * anyone else leaves (UK GDPR Art. 15(4)); the clinic's directory (practitioners, organizations) is not the patient's.
 */
public class PatientRecordCollector {

    /**
     * What was collected. {@code versions}: every stored version of each record, oldest first; {@code withheld}: the
     * records also about another patient, left out.
     */
    public record Contents(List<IBaseResource> versions, Map<String, List<Map<String, Object>>> rows,
            List<String> records, List<String> withheld) {}

    /** Told how far the collection is. */
    public interface Progress {
        void at(int done, int total);
    }

    private static final int PAGE = 200;

    private final DaoRegistry daos;
    private final JdbcTemplate jdbc;
    private final ResourceLinks links;
    private final PatientsOfRecord patients;
    private final FhirTerser terser;
    private final RowValuesJson values;

    public PatientRecordCollector(DaoRegistry daos, JdbcTemplate jdbc, ResourceLinks links, FhirContext fhir,
            RowValuesJson values) {
        this.daos = daos;
        this.jdbc = jdbc;
        this.links = links;
        this.patients = new PatientsOfRecord(fhir);
        this.terser = fhir.newTerser();
        this.values = values;
    }

    public Contents collect(Tenant clinic, String patient, int patientRow, Progress progress) {
        SystemRequestDetails request = SystemRequestDetails.forRequestPartitionId(
                RequestPartitionId.fromPartitionId(clinic.id()));
        String patientNumber = jdbc.queryForObject("SELECT patient_id FROM patients WHERE organization_id = ? AND id = ?",
                String.class, clinic.id(), patientRow);
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        Set<String> linked = new LinkedHashSet<>();
        for (CuraTable table : CuraTables.withPatientData()) {
            PatientColumn column = table.patientColumn().orElseThrow();
            Object key = column.byPatientNumber() ? patientNumber : patientRow;
            List<Map<String, Object>> found = rowsOf(table, clinic.id(), column.name(), key);
            rows.put(table.name(), found);
            table.resourceType().ifPresent(type -> found.forEach(row -> links.resourceId(clinic.id(), table.name(),
                    ((Number) row.get("id")).intValue(), type).ifPresent(id -> linked.add(type + "/" + id))));
        }
        rows.put("cura_processing_restrictions", jdbc.queryForList("""
                SELECT id, reason, request_resource_id,
                       to_char(restricted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS restricted_at,
                       to_char(lifted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS lifted_at, lift_reason
                FROM cura_processing_restrictions WHERE organization_id = ? AND patient_resource_id = ? ORDER BY id""",
                clinic.id(), patient).stream().map(values::of).toList());

        Set<String> compartment = everything(request, patient);
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add("Patient/" + patient);
        candidates.addAll(linked);
        candidates.addAll(compartment);
        List<IBaseResource> versions = new ArrayList<>();
        List<String> records = new ArrayList<>();
        Set<String> attached = new LinkedHashSet<>();
        List<String> withheld = new ArrayList<>();
        int done = 0;
        progress.at(0, candidates.size());
        for (String record : candidates) {
            List<IBaseResource> history = history(request, record);
            progress.at(++done, candidates.size());
            if (history.isEmpty()) {
                continue;
            }
            IBaseResource latest = history.get(history.size() - 1);
            List<String> owners = patients.of(latest);
            if (!linked.contains(record) && !owners.contains(patient)) {
                // what the patient's records point at: the clinic's directory, another patient
                continue;
            }
            if (owners.stream().anyMatch(owner -> !owner.equals(patient))) {
                withheld.add(record);
                continue;
            }
            versions.addAll(history);
            records.add(record);
            for (IBaseResource version : history) {
                terser.getAllPopulatedChildElementsOfType(version, Attachment.class).stream()
                        .map(Attachment::getUrl).filter(url -> url != null && url.startsWith("Binary/"))
                        .map(url -> new IdType(url).toUnqualifiedVersionless().getValue())
                        .forEach(attached::add);
            }
        }
        for (String binary : attached) {
            List<IBaseResource> history = history(request, binary);
            if (!history.isEmpty()) {
                versions.addAll(history);
                records.add(binary);
            }
        }
        return new Contents(versions, rows, records, withheld);
    }

    private List<Map<String, Object>> rowsOf(CuraTable table, int organizationId, String patientColumn, Object key) {
        String tenantColumn = table.tenant().column().orElseThrow(() -> new IllegalStateException(table.name()
                + " holds patient data but no clinic column"));
        String columns = table.columns().stream().filter(c -> c.kind() != DataKind.SECRET).map(Column::name)
                .collect(Collectors.joining(", "));
        String order = table.column("id").isPresent() ? " ORDER BY id" : "";
        return jdbc.queryForList("SELECT " + columns + " FROM " + table.name() + " WHERE " + tenantColumn + " = ? AND "
                + patientColumn + " = ?" + order, organizationId, key).stream().map(values::of).toList();
    }

    /** The ids of the records of the patient's compartment as {@code $everything} finds them. */
    private Set<String> everything(SystemRequestDetails request, String patient) {
        @SuppressWarnings("unchecked")
        IFhirResourceDaoPatient<IBaseResource> dao = (IFhirResourceDaoPatient<IBaseResource>) daos
                .getResourceDao("Patient");
        IBundleProvider found = dao.patientInstanceEverything(null, request, new PatientEverythingParameters(),
                new IdType("Patient", patient));
        Set<String> ids = new LinkedHashSet<>();
        int from = 0;
        while (true) {
            List<IBaseResource> page = found.getResources(from, from + PAGE);
            if (page.isEmpty()) {
                return ids;
            }
            page.forEach(resource -> ids.add(resource.getIdElement().toUnqualifiedVersionless().getValue()));
            from += page.size();
        }
    }

    /** Every stored version of the record, oldest first; deleted versions hold nothing and are left out. */
    private List<IBaseResource> history(SystemRequestDetails request, String record) {
        IdType id = new IdType(record);
        IBundleProvider versions;
        try {
            versions = daos.getResourceDao(id.getResourceType()).history(id, null, null, null, request);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return List.of();
        }
        List<IBaseResource> all = new ArrayList<>();
        int from = 0;
        while (true) {
            List<IBaseResource> page = versions.getResources(from, from + PAGE);
            if (page.isEmpty()) {
                break;
            }
            all.addAll(page);
            from += page.size();
        }
        List<IBaseResource> kept = new ArrayList<>(all.stream()
                .filter(version -> ResourceMetadataKeyEnum.DELETED_AT.get(version) == null).toList());
        java.util.Collections.reverse(kept);
        return kept;
    }
}
