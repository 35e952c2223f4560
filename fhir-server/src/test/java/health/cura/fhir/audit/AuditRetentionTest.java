package health.cura.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.fhir.support.ServerTest;
import java.time.Instant;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit trail's own retention: rows past it are purged from the start of the clinic's chain, the chain still
 * verifies whole, a row removed by anyone else is still found, and another clinic's trail is untouched.
 */
class AuditRetentionTest extends ServerTest {

    @Autowired
    private AuditRetention retention;

    @Test
    void oldRowsArePurgedAndTheChainStillVerifiesAndStillCatchesARemoval() throws Exception {
        String clinic = newTenant("audit-retention");
        int organizationId = organizationId(clinic);
        String other = newTenant("audit-retention-other");
        IGenericClient fhir = client(clinic);
        IdType patient = createPatient(fhir, "Longago");
        for (int i = 0; i < 3; i++) {
            fhir.read().resource(Patient.class).withId(patient).execute();
        }
        client(other).read().resource(Patient.class).withId(createPatient(client(other), "Other")).execute();
        long otherRows = rows(organizationId(other));
        Thread.sleep(20);
        Instant cutoff = Instant.now();
        Thread.sleep(20);
        for (int i = 0; i < 2; i++) {
            fhir.read().resource(Patient.class).withId(patient).execute();
        }
        long before = rows(organizationId);

        int purged = retention.purgeOlderThan(organizationId, cutoff);

        assertThat(purged).isPositive();
        assertThat(rows(organizationId)).isEqualTo(before - purged);
        assertThat(rows(organizationId)).as("the two later reads").isGreaterThanOrEqualTo(2);
        assertThat(severity(clinic)).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(retention.purgeOlderThan(organizationId, cutoff)).as("once").isZero();
        assertThat(rows(organizationId(other))).isEqualTo(otherRows);

        jdbc.update("DELETE FROM gdpr_audit_trail WHERE id = (SELECT min(id) FROM gdpr_audit_trail WHERE "
                + "organization_id = ?)", organizationId);
        assertThat(severity(clinic)).as("a kept row removed by someone else").isEqualTo(
                OperationOutcome.IssueSeverity.ERROR);
    }

    private long rows(int organizationId) {
        return jdbc.queryForObject("SELECT count(*) FROM gdpr_audit_trail WHERE organization_id = ?", Long.class,
                organizationId);
    }

    private OperationOutcome.IssueSeverity severity(String clinic) {
        var response = get("/" + clinic + "/$verify-audit-trail");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body()).getIssueFirstRep()
                .getSeverity();
    }
}
