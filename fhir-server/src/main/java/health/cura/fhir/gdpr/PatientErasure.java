package health.cura.fhir.gdpr;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.model.ExpungeOptions;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import health.cura.fhir.audit.PatientOperationAudit;
import health.cura.fhir.hapi.SearchCacheScrub;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tables.Column;
import health.cura.fhir.tables.CuraTable;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.DataKind;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.fhir.tables.ServerOrigin;
import health.cura.fhir.tables.TableRows;
import health.cura.fhir.tenancy.Tenant;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure that follows the law ({@link ErasureClasses}): in one transaction, with the patient's row locked (so a
 * write of the patient's records either comes before and is erased, or comes after and meets the restriction), it
 * erases what may go now, withdraws the patient's consents, restricts the processing of what is kept, and records
 * for each class kept the rule and the date until which it is kept ({@code cura_retention_holds}), for the retention
 * job to purge. The Patient's earlier versions, which hold the erased contact details, are expunged once the
 * transaction has committed.
 */
public class PatientErasure {

    /** What was done, for the report. */
    public record Report(List<String[]> erased, List<Kept> kept, java.time.Instant restrictedSince) {}

    /** A class of records kept: which tables, until when (empty: for good, under its own rule), by which rule. */
    public record Kept(String recordClass, String records, Optional<LocalDate> until, String rule) {}

    private final JdbcTemplate jdbc;
    private final TableRows rows;
    private final ResourceLinks links;
    private final DaoRegistry daos;
    private final ProcessingRestrictions restrictions;
    private final ClinicRetention retention;
    private final PatientOperationAudit audit;
    private final TransactionTemplate transactions;
    private final SearchCacheScrub searches;
    private final Clock clock;
    private final ZoneId zone;

    public PatientErasure(JdbcTemplate jdbc, TableRows rows, ResourceLinks links, DaoRegistry daos,
            ProcessingRestrictions restrictions, ClinicRetention retention, PatientOperationAudit audit,
            TransactionTemplate transactions, SearchCacheScrub searches, Clock clock, ZoneId zone) {
        this.searches = searches;
        this.jdbc = jdbc;
        this.rows = rows;
        this.links = links;
        this.daos = daos;
        this.restrictions = restrictions;
        this.retention = retention;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.zone = zone;
    }

    /** Whether the patient was erased before (an erasure is done once). */
    public Optional<java.time.Instant> erasedAt(int organizationId, String patient) {
        return jdbc.query("SELECT min(erasure_at) FROM cura_retention_holds WHERE organization_id = ? AND "
                + "patient_resource_id = ? HAVING count(*) > 0", (rs, n) -> rs.getTimestamp(1).toInstant(),
                organizationId, patient).stream().findFirst();
    }

    public Report erase(Tenant clinic, String patient, int patientRow, RequestDetails request) {
        SystemRequestDetails system = SystemRequestDetails.forRequestPartitionId(
                RequestPartitionId.fromPartitionId(clinic.id()));
        List<String> contactValues = new ArrayList<>();
        Report report = transactions.execute(status -> {
            Map<String, Object> locked = jdbc.queryForMap("SELECT date_of_birth, patient_id, email, phone FROM "
                    + "patients WHERE organization_id = ? AND id = ? FOR UPDATE", clinic.id(), patientRow);
            // under the lock: of two erasures at once, the second finds the first's
            erasedAt(clinic.id(), patient).ifPresent(at -> {
                throw Refusals.conflict("Patient", "Patient/" + patient + " was erased at " + at);
            });
            contactValues.add((String) locked.get("email"));
            contactValues.add((String) locked.get("phone"));
            List<String[]> erased = new ArrayList<>();
            erased.add(new String[] {"Patient", "telecom, address and contacts, with "
                    + contactFreePatient(patient, system, contactValues) + " earlier versions holding them "
                    + "(expunged)"});
            consents(clinic, patientRow, system, erased);
            ServerOrigin.mark(jdbc);
            CuraTable patients = CuraTables.PATIENTS;
            RowValues contact = RowValues.of();
            List<String> names = new ArrayList<>();
            for (Column column : patients.columnsOf(DataKind.CONTACT)) {
                contact.set(column.name(), null);
                names.add(column.name());
            }
            rows.update(patients, clinic.id(), patientRow, contact);
            erased.add(new String[] {"patients", String.join(", ", names)});
            for (String table : ErasureClasses.ERASED) {
                int deleted = jdbc.update("DELETE FROM " + table + " WHERE organization_id = ? AND patient_id = ?",
                        clinic.id(), patientRow);
                erased.add(new String[] {table, deleted + " rows"});
            }
            ClinicRetention.Settings settings = retention.of(clinic.id());
            LocalDate today = LocalDate.now(clock.withZone(zone));
            LocalDate concluded = latest(ErasureClasses.clinical(), clinic.id(), patientRow, null).orElse(today);
            java.sql.Date birth = (java.sql.Date) locked.get("date_of_birth");
            RetentionRules.Kept clinical = RetentionRules.clinical(settings.careKind(), settings.periods(),
                    birth == null ? null : birth.toLocalDate(), concluded);
            List<Kept> kept = new ArrayList<>();
            hold(clinic, patient, patientRow, "clinical", clinical);
            kept.add(new Kept("clinical", "patients (name, date of birth, NHS number), " + String.join(", ",
                    ErasureClasses.clinical().stream().map(CuraTable::name).toList()) + ", and their FHIR records",
                    Optional.of(clinical.until()), clinical.rule() + "; UK GDPR Art. 17(3)(c) with 9(2)(h)"));
            Optional<LocalDate> lastFinancial = latest(ErasureClasses.financial(), clinic.id(), patientRow,
                    (String) locked.get("patient_id"));
            lastFinancial.ifPresent(last -> {
                RetentionRules.Kept financial = RetentionRules.financial(settings.periods(), last);
                hold(clinic, patient, patientRow, "financial", financial);
                kept.add(new Kept("financial", String.join(", ", ErasureClasses.FINANCIAL) + ", intact",
                        Optional.of(financial.until()), financial.rule()));
            });
            kept.add(new Kept("evidence", "gdpr_consents, gdpr_data_requests", Optional.empty(), "What the patient "
                    + "agreed to and asked for, kept to show the clinic's lawful processing (UK GDPR Art. 5(2), "
                    + "7(1)); withdrawn consents stay withdrawn"));
            kept.add(new Kept("audit", "gdpr_audit_trail", Optional.empty(), "The audit trail, never edited, kept "
                    + "for its own period"));
            var restriction = restrictions.restrict(clinic.id(), patient, patientRow, "Erasure requested: what is "
                    + "kept is kept only for its retention period", null, null)
                    .or(() -> restrictions.inForce(clinic.id(), patient)).orElseThrow();
            audit.changed(request, patient, "$gdpr-erase");
            return new Report(erased, kept, restriction.since());
        });
        daos.getResourceDao(Patient.class).expunge(new IdType("Patient", patient),
                new ExpungeOptions().setExpungeOldVersions(true).setLimit(10_000), system);
        searches.forget(contactValues);
        return report;
    }

    /**
     * Stores the Patient without contact details; answers how many earlier versions it had. The details go into
     * {@code values}, for HAPI's search cache to forget.
     */
    private long contactFreePatient(String patient, SystemRequestDetails system, List<String> values) {
        var dao = daos.getResourceDao(Patient.class);
        Patient stored = dao.read(new IdType("Patient", patient), system);
        long earlier = Long.parseLong(stored.getIdElement().getVersionIdPart());
        stored.getTelecom().forEach(telecom -> values.add(telecom.getValue()));
        stored.getAddress().forEach(address -> {
            address.getLine().forEach(line -> values.add(line.getValue()));
            values.add(address.getPostalCode());
            values.add(address.getText());
        });
        stored.getTelecom().clear();
        stored.getAddress().clear();
        stored.getContact().clear();
        stored.getPhoto().clear();
        dao.update(stored, system);
        return earlier;
    }

    /** Withdraws every consent of the patient still granted or pending, through their Consents. */
    private void consents(Tenant clinic, int patientRow, SystemRequestDetails system, List<String[]> erased) {
        List<Integer> open = jdbc.queryForList("SELECT id FROM gdpr_consents WHERE organization_id = ? AND "
                + "patient_id = ? AND status IN ('granted', 'pending')", Integer.class, clinic.id(), patientRow);
        var dao = daos.getResourceDao(Consent.class);
        for (int row : open) {
            Optional<String> id = links.resourceId(clinic.id(), "gdpr_consents", row, "Consent");
            if (id.isPresent()) {
                Consent consent = dao.read(new IdType("Consent", id.get()), system);
                consent.getStatusElement().getExtension().clear();
                consent.setStatus(Consent.ConsentState.INACTIVE);
                dao.update(consent, system);
            } else {
                jdbc.update("UPDATE gdpr_consents SET status = 'withdrawn', withdrawn_at = coalesce(withdrawn_at, "
                        + "now()) WHERE id = ?", row);
            }
        }
        erased.add(new String[] {"gdpr_consents", open.size() + " consents withdrawn (the records are kept)"});
    }

    private void hold(Tenant clinic, String patient, int patientRow, String recordClass, RetentionRules.Kept kept) {
        jdbc.update("""
                INSERT INTO cura_retention_holds (organization_id, patient_resource_id, patient_id, record_class,
                    kept_until, rule) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (organization_id, patient_resource_id, record_class) DO NOTHING""", clinic.id(), patient,
                patientRow, recordClass, java.sql.Date.valueOf(kept.until()), kept.rule());
    }

    /** The day of the latest row (by {@code created_at}) of the patient in these tables. */
    private Optional<LocalDate> latest(List<CuraTable> tables, int organizationId, int patientRow, String number) {
        LocalDate latest = null;
        for (CuraTable table : tables) {
            if (table.column("created_at").isEmpty()) {
                continue;
            }
            boolean byNumber = table.patientColumn().orElseThrow().byPatientNumber();
            Timestamp at = jdbc.queryForObject("SELECT max(created_at) FROM " + table.name()
                    + " WHERE organization_id = ? AND " + table.patientColumn().get().name() + " = ?",
                    Timestamp.class, organizationId, byNumber ? number : patientRow);
            if (at != null && (latest == null || at.toLocalDateTime().toLocalDate().isAfter(latest))) {
                latest = at.toLocalDateTime().toLocalDate();
            }
        }
        return Optional.ofNullable(latest);
    }
}
