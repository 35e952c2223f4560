package health.cura.fhir.gdpr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDaoPatient;
import ca.uhn.fhir.jpa.api.dao.PatientEverythingParameters;
import ca.uhn.fhir.jpa.api.model.ExpungeOptions;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.cura.fhir.audit.PatientsOfRecord;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.hapi.SearchCacheScrub;
import health.cura.fhir.tables.CuraTable;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.ServerOrigin;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention job: once a class of an erased patient's records has passed its date ({@code cura_retention_holds}),
 * its rows are deleted and its FHIR records deleted and expunged with their history; once every class is purged, the
 * patient's identity goes too (the row keeps only the patient number the kept evidence points at). Each hold is
 * taken with {@code FOR UPDATE SKIP LOCKED}, so the job is safe on several nodes. Consents, requests and the audit
 * trail are not purged here.
 */
public class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    /** Rows named by others first: a prescription names its consultation, which names its appointment. */
    private static final List<String> DELETE_FIRST = List.of("prescriptions", "symptom_checks", "consultations");

    private record Hold(int id, int organizationId, String patient, Integer patientRow, String recordClass) {}

    private final JdbcTemplate jdbc;
    private final DaoRegistry daos;
    private final ResourceLinks links;
    private final PatientsOfRecord patients;
    private final TransactionTemplate transactions;
    private final SearchCacheScrub searches;

    public RetentionPurge(JdbcTemplate jdbc, DaoRegistry daos, ResourceLinks links, FhirContext fhir,
            TransactionTemplate transactions, SearchCacheScrub searches) {
        this.searches = searches;
        this.jdbc = jdbc;
        this.daos = daos;
        this.links = links;
        this.patients = new PatientsOfRecord(fhir);
        this.transactions = transactions;
    }

    /** Purges every hold whose date is before {@code today}; answers how many. */
    public int purgeDue(LocalDate today) {
        int purged = 0;
        while (true) {
            Optional<Hold> claimed = jdbc.query("""
                    UPDATE cura_retention_holds SET claimed_at = now()
                    WHERE id = (SELECT id FROM cura_retention_holds
                                WHERE purged_at IS NULL AND kept_until < ?
                                  AND (claimed_at IS NULL OR claimed_at < now() - interval '1 hour')
                                ORDER BY kept_until, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id, organization_id, patient_resource_id, patient_id, record_class""",
                    (rs, n) -> new Hold(rs.getInt(1), rs.getInt(2), rs.getString(3), (Integer) rs.getObject(4),
                            rs.getString(5)), java.sql.Date.valueOf(today)).stream().findFirst();
            if (claimed.isEmpty()) {
                return purged;
            }
            Hold hold = claimed.get();
            SystemRequestDetails system = system(hold.organizationId());
            if (hold.patientRow() != null) {
                // each FHIR delete in its own transaction: one refused (still pointed at) must not undo the others
                List<String> deleted = deleteAll(records(hold, system),
                        CapturedWrites.rowDriven(hold.organizationId()));
                deleted.forEach(record -> expunge(record, system));
                transactions.executeWithoutResult(status -> deleteRows(hold));
            }
            jdbc.update("UPDATE cura_retention_holds SET purged_at = now() WHERE id = ?", hold.id());
            purged++;
            if (hold.patientRow() != null && allPurged(hold)) {
                forget(hold, system);
            }
        }
    }

    private List<CuraTable> tables(Hold hold) {
        return "financial".equals(hold.recordClass()) ? ErasureClasses.financial()
                : ErasureClasses.clinical().stream().sorted(Comparator.comparingInt(RetentionPurge::order)).toList();
    }

    private String number(Hold hold) {
        return jdbc.queryForObject("SELECT patient_id FROM patients WHERE id = ?", String.class, hold.patientRow());
    }

    /** The FHIR records of the hold's class: those of its rows and, for the clinical class, of the compartment. */
    private Set<String> records(Hold hold, SystemRequestDetails system) {
        String number = number(hold);
        Set<String> records = new LinkedHashSet<>();
        for (CuraTable table : tables(hold)) {
            boolean byNumber = table.patientColumn().orElseThrow().byPatientNumber();
            List<Integer> ids = jdbc.queryForList("SELECT id FROM " + table.name() + " WHERE organization_id = ? AND "
                    + table.patientColumn().get().name() + " = ?", Integer.class, hold.organizationId(),
                    byNumber ? number : hold.patientRow());
            table.resourceType().ifPresent(type -> ids.forEach(id -> links.resourceId(hold.organizationId(),
                    table.name(), id, type).ifPresent(resource -> records.add(type + "/" + resource))));
        }
        if ("clinical".equals(hold.recordClass())) {
            records.addAll(compartment(hold, system, ErasureClasses.NOT_CLINICAL_TYPES));
        }
        return records;
    }

    private void deleteRows(Hold hold) {
        String number = number(hold);
        ServerOrigin.mark(jdbc);
        for (CuraTable table : tables(hold)) {
            boolean byNumber = table.patientColumn().orElseThrow().byPatientNumber();
            String where = " WHERE organization_id = ? AND " + table.patientColumn().get().name() + " = ?";
            Object key = byNumber ? number : hold.patientRow();
            jdbc.update("DELETE FROM fhir_resource_links WHERE organization_id = ? AND table_name = ? AND row_id IN "
                    + "(SELECT id FROM " + table.name() + where + ")", hold.organizationId(), table.name(),
                    hold.organizationId(), key);
            jdbc.update("DELETE FROM " + table.name() + where, hold.organizationId(), key);
        }
    }

    private static int order(CuraTable table) {
        int first = DELETE_FIRST.indexOf(table.name());
        return first >= 0 ? first : "appointments".equals(table.name()) ? 1000 : 100;
    }

    /** The patient's own FHIR records of their compartment, but for those of the {@code kept} types. */
    private Set<String> compartment(Hold hold, SystemRequestDetails system, Set<String> kept) {
        @SuppressWarnings("unchecked")
        IFhirResourceDaoPatient<IBaseResource> dao = (IFhirResourceDaoPatient<IBaseResource>) daos
                .getResourceDao("Patient");
        IBundleProvider found = dao.patientInstanceEverything(null, system, new PatientEverythingParameters(),
                new IdType("Patient", hold.patient()));
        Set<String> records = new LinkedHashSet<>();
        int from = 0;
        while (true) {
            List<IBaseResource> page = found.getResources(from, from + 200);
            if (page.isEmpty()) {
                return records;
            }
            for (IBaseResource resource : page) {
                String type = resource.fhirType();
                if (!kept.contains(type) && patients.of(resource).equals(List.of(hold.patient()))) {
                    records.add(resource.getIdElement().toUnqualifiedVersionless().getValue());
                }
            }
            from += page.size();
        }
    }

    /** Deletes the records, those others point at after those pointing at them: pass after pass. */
    private List<String> deleteAll(Set<String> records, SystemRequestDetails system) {
        List<String> left = new ArrayList<>(records);
        List<String> deleted = new ArrayList<>();
        boolean progress = true;
        while (!left.isEmpty() && progress) {
            progress = false;
            for (String record : List.copyOf(left)) {
                IdType id = new IdType(record);
                try {
                    daos.getResourceDao(id.getResourceType()).delete(id, system);
                    deleted.add(record);
                    left.remove(record);
                    progress = true;
                } catch (BaseServerResponseException stillReferenced) {
                    // another record points at it: after that one goes
                }
            }
        }
        if (!left.isEmpty()) {
            log.warn("Retention purge left {} records that other records point at", left.size());
        }
        return deleted;
    }

    private void expunge(String record, SystemRequestDetails system) {
        IdType id = new IdType(record);
        try {
            daos.getResourceDao(id.getResourceType()).expunge(id, new ExpungeOptions().setExpungeDeletedResources(true)
                    .setExpungeOldVersions(true).setLimit(10_000), system);
        } catch (RuntimeException e) {
            log.warn("Retention purge could not expunge a {}: {}", id.getResourceType(), e.getClass().getName());
        }
    }

    private boolean allPurged(Hold hold) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT bool_and(purged_at IS NOT NULL) FROM "
                + "cura_retention_holds WHERE organization_id = ? AND patient_resource_id = ?", Boolean.class,
                hold.organizationId(), hold.patient()));
    }

    /**
     * The patient's identity goes: what is left of their FHIR records but the evidence (their insurance's Coverage,
     * records no class claimed) is deleted and expunged, and the row keeps the patient number the kept evidence
     * points at, nothing else.
     */
    private void forget(Hold hold, SystemRequestDetails system) {
        deleteAll(compartment(hold, system, ErasureClasses.EVIDENCE_TYPES), CapturedWrites.rowDriven(
                hold.organizationId())).forEach(record -> expunge(record, system));
        List<String> identity = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            var dao = daos.getResourceDao(Patient.class);
            Patient stored = dao.read(new IdType("Patient", hold.patient()), system);
            stored.getName().forEach(name -> {
                identity.add(name.getFamily());
                name.getGiven().forEach(given -> identity.add(given.getValue()));
            });
            stored.getIdentifier().stream().filter(i -> i.getSystem() == null
                    || !i.getSystem().contains("/Id/patient-number/")).forEach(i -> identity.add(i.getValue()));
            Patient erased = new Patient();
            erased.setId(stored.getIdElement().toUnqualifiedVersionless());
            erased.setMeta(stored.getMeta());
            erased.getIdentifier().addAll(stored.getIdentifier().stream()
                    .filter(i -> i.getSystem() != null && i.getSystem().contains("/Id/patient-number/")).toList());
            erased.setActive(false);
            erased.addName().setText("Erased patient").setFamily("Erased");
            dao.update(erased, system);
            ServerOrigin.mark(jdbc);
            jdbc.update("""
                    UPDATE patients SET first_name = 'Erased', last_name = 'patient', date_of_birth = NULL,
                        gender_at_birth = NULL, nhs_number = NULL, email = NULL, phone = NULL, address = NULL,
                        insurance_info = NULL, emergency_contact = NULL, medical_history = NULL, flags = '{}',
                        communication_preferences = NULL, is_active = false
                    WHERE organization_id = ? AND id = ?""", hold.organizationId(), hold.patientRow());
        });
        daos.getResourceDao(Patient.class).expunge(new IdType("Patient", hold.patient()),
                new ExpungeOptions().setExpungeOldVersions(true).setLimit(10_000), system);
        searches.forget(identity);
    }

    private static SystemRequestDetails system(int organizationId) {
        return SystemRequestDetails.forRequestPartitionId(RequestPartitionId.fromPartitionId(organizationId));
    }
}
