package health.cura.fhir.mapping.patient;

import health.cura.fhir.hapi.DuplicateResourceException;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One patient per NHS number in a clinic. A FHIR write that would give a second patient a number another already has
 * is refused with 409, naming the patient who has it, so that the client can update that one instead (or create
 * conditionally, which finds it). Duplicates that an existing database already holds stay as they are: a patient of
 * such a pair may still be updated while it keeps its number.
 */
@Component
class NhsNumberHolders {

    private final JdbcTemplate jdbc;
    private final ResourceLinks links;

    NhsNumberHolders(JdbcTemplate jdbc, ResourceLinks links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    void requireUnheld(int organizationId, String nhsNumber, OptionalInt ownRow) {
        if (nhsNumber == null) {
            return;
        }
        // Two concurrent creates of the same number would each find no holder; the second waits for the first here.
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, hashtext(?))", Object.class, organizationId,
                "nhs_number:" + nhsNumber);
        if (ownRow.isPresent() && nhsNumber.equals(jdbc.queryForObject(
                "SELECT nhs_number FROM patients WHERE id = ?", String.class, ownRow.getAsInt()))) {
            return;
        }
        List<Integer> holders = jdbc.queryForList(
                "SELECT id FROM patients WHERE organization_id = ? AND nhs_number = ? ORDER BY id",
                Integer.class, organizationId, nhsNumber);
        holders.removeIf(id -> ownRow.isPresent() && Objects.equals(id, ownRow.getAsInt()));
        if (!holders.isEmpty()) {
            throw duplicate(nhsNumber, links.resourceId(organizationId, CuraTables.PATIENTS.name(), holders.get(0), "Patient")
                    .map(id -> "Patient/" + id).orElse("a patient of this clinic not yet in FHIR"));
        }
    }

    private static DuplicateResourceException duplicate(String nhsNumber, String holder) {
        String message = "Patient.identifier: NHS number " + nhsNumber + " already belongs to " + holder
                + "; nothing was stored. Update that patient, or create with If-None-Exist to find it.";
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.DUPLICATE)
                .setDiagnostics(message)
                .addExpression("Patient.identifier");
        if (holder.startsWith("Patient/")) {
            issue.getDetails().setText(holder);
        }
        return new DuplicateResourceException(message, outcome);
    }
}
