package health.cura.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.fhir.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit trail is tamper-evident: every row, whoever writes it and however many at once, is chained; an edited,
 * removed or unchained row, and rows removed from the end, are found by {@code $verify-audit-trail}, which names the
 * first of them; an erased patient's rows (patient_id set to null) still verify. Each test has a clinic of its own.
 */
class AuditTrailChainTest extends ServerTest {

    @Autowired
    private AuditCheckpoints checkpoints;

    @Test
    void aTrailWrittenByTheServerAndByOtherSoftwareConcurrentlyIsIntact() throws Exception {
        String clinic = clinicWithReads(3);
        int organizationId = organizationId(clinic);
        jdbc.update("INSERT INTO gdpr_audit_trail (organization_id, action, resource_type) VALUES (?, 'read', "
                + "'patient')", organizationId);
        IGenericClient fhir = client(clinic);
        IdType patient = createPatient(fhir, "Concurrent");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                reads.add(pool.submit(() -> fhir.read().resource(Patient.class).withId(patient).execute()));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } finally {
            pool.shutdown();
        }
        OperationOutcome verdict = verify(clinic);
        assertThat(verdict.getIssueFirstRep().getSeverity()).as(verdict.getIssueFirstRep().getDiagnostics())
                .isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cura_audit_chain WHERE organization_id = ?",
                Long.class, organizationId)).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM gdpr_audit_trail WHERE organization_id = ?", Long.class, organizationId));
        assertThat(jdbc.queryForObject("SELECT max(position) = count(*) FROM cura_audit_chain WHERE organization_id "
                + "= ?", Boolean.class, organizationId)).as("positions without gaps").isTrue();
    }

    @Test
    void anEditedRowIsFoundAndNamed() {
        String clinic = clinicWithReads(5);
        int row = nthRow(clinic, 3);
        jdbc.update("UPDATE gdpr_audit_trail SET action = 'create' WHERE id = ?", row);
        assertBrokenAt(clinic, row, "changed");
    }

    @Test
    void aRowMovedToAnotherPatientIsFound() {
        String clinic = clinicWithReads(3);
        IdType other = createPatient(client(clinic), "Other");
        int row = nthRow(clinic, 2);
        jdbc.update("UPDATE gdpr_audit_trail SET patient_id = ? WHERE id = ?",
                rowId(organizationId(clinic), "Patient", other.getIdPart()), row);
        assertBrokenAt(clinic, row, "another patient");
    }

    @Test
    void aDeletedRowIsFoundAndNamed() {
        String clinic = clinicWithReads(5);
        int row = nthRow(clinic, 2);
        jdbc.update("DELETE FROM gdpr_audit_trail WHERE id = ?", row);
        assertBrokenAt(clinic, row, "removed");
    }

    @Test
    void aRowWrittenWithTheChainBypassedIsFound() {
        String clinic = clinicWithReads(2);
        int organizationId = organizationId(clinic);
        Integer inserted = unchained(() -> jdbc.queryForObject("INSERT INTO gdpr_audit_trail (organization_id, "
                + "action, resource_type) VALUES (?, 'read', 'patient') RETURNING id", Integer.class,
                organizationId));
        assertBrokenAt(clinic, inserted, "outside the chain");
    }

    @Test
    void rowsRemovedFromTheEndWithTheirLinksAreFoundByTheCheckpoint() {
        String clinic = clinicWithReads(4);
        int organizationId = organizationId(clinic);
        checkpoints.take();
        int last = jdbc.queryForObject("SELECT audit_id FROM cura_audit_chain WHERE organization_id = ? "
                + "ORDER BY position DESC LIMIT 1", Integer.class, organizationId);
        jdbc.update("DELETE FROM cura_audit_chain WHERE organization_id = ? AND audit_id = ?", organizationId, last);
        jdbc.update("DELETE FROM gdpr_audit_trail WHERE id = ?", last);
        assertBrokenAt(clinic, last, "removed");
    }

    @Test
    void anErasedPatientsRowsStillVerify() {
        String clinic = clinicWithReads(3);
        int organizationId = organizationId(clinic);
        jdbc.update("UPDATE gdpr_audit_trail SET patient_id = NULL WHERE organization_id = ?", organizationId);
        checkpoints.take();
        assertThat(verify(clinic).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
    }

    @Test
    void anotherClinicsTamperingDoesNotBreakThisOnesTrailAndTheCheckIsAudited() {
        String mine = clinicWithReads(2);
        String theirs = clinicWithReads(2);
        jdbc.update("UPDATE gdpr_audit_trail SET purpose = 'edited' WHERE id = ?", nthRow(theirs, 1));
        assertThat(verify(mine).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(verify(theirs).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gdpr_audit_trail WHERE organization_id = ? AND "
                + "resource_type = 'audit_trail'", Integer.class, organizationId(mine))).isOne();
    }

    // --- helpers

    /** A clinic with one patient read {@code reads} times: the trail holds its create and the reads. */
    private String clinicWithReads(int reads) {
        String clinic = newTenant("chain");
        IGenericClient fhir = client(clinic);
        IdType patient = createPatient(fhir, "Chained");
        for (int i = 0; i < reads; i++) {
            fhir.read().resource(Patient.class).withId(patient).execute();
        }
        return clinic;
    }

    private int nthRow(String clinic, int n) {
        return jdbc.queryForObject("SELECT id FROM gdpr_audit_trail WHERE organization_id = ? ORDER BY id OFFSET ? "
                + "LIMIT 1", Integer.class, organizationId(clinic), n - 1);
    }

    private OperationOutcome verify(String clinic) {
        var response = get("/" + clinic + "/$verify-audit-trail");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }

    private void assertBrokenAt(String clinic, int row, String finding) {
        OperationOutcome verdict = verify(clinic);
        OperationOutcome.OperationOutcomeIssueComponent issue = verdict.getIssueFirstRep();
        assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(issue.getExpression()).extracting(e -> e.getValue()).containsExactly("gdpr_audit_trail/" + row);
        assertThat(issue.getDiagnostics()).contains(finding);
    }

    /** A write with the chaining trigger off, as software with the rights to disable it could make. */
    private <T> T unchained(java.util.function.Supplier<T> write) {
        return new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()))
                .execute(status -> {
                    jdbc.execute("SET LOCAL session_replication_role = replica");
                    return write.get();
                });
    }
}
