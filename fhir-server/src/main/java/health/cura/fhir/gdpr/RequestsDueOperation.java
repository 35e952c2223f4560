package health.cura.fhir.gdpr;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tables.ResourceLinks;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /fhir/{clinic}/$gdpr-requests-due}: the clinic's open data subject requests (pending or in progress)
 * that are overdue or fall due within some days, the earliest deadline first, and those waiting for proof of identity
 * (their deadline paused). Requests other software recorded are listed once change capture has brought them in.
 */
public class RequestsDueOperation implements CuraOperation {

    /** The most requests one answer lists; a clinic with more overdue than this has a larger problem to see. */
    static final int MOST = 500;

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("gdpr-requests-due", "Data subject requests due",
                    "The clinic's open data subject requests (Task, table gdpr_data_requests) that are overdue or "
                            + "due within the days given, and those whose deadline is paused while the requester's "
                            + "identity is verified, the earliest deadline first (at most " + MOST + "). Each entry "
                            + "says where it stands in the extension " + CuraCanonical.DEADLINE_STATE_EXTENSION
                            + ": overdue, due or paused.")
            .system()
            .in("days", "integer", 0, "1", "how many days ahead, from now; 7 when absent, 0 for the overdue only")
            .out("return", "Bundle", 1, "1", "a collection of the Tasks, each entry with its deadline state")
            .build();

    private final JdbcTemplate jdbc;
    private final DaoRegistry daos;
    private final Clock clock;

    public RequestsDueOperation(JdbcTemplate jdbc, DaoRegistry daos, Clock clock) {
        this.jdbc = jdbc;
        this.daos = daos;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.readsAcrossClinic("Task"),
                RoleNeed.of(ClinicModules.GDPR, StaffAction.VIEW));
    }

    /** Each patient whose request is listed gets a read row. */
    @Override
    public OperationAudit audit() {
        return OperationAudit.READ;
    }

    private record Due(String resourceId, LocalDateTime dueDate, boolean verified) {}

    @Operation(name = "$gdpr-requests-due", idempotent = true)
    public Bundle due(@OperationParam(name = "days") IntegerType days, RequestDetails request) {
        int ahead = days == null || days.getValue() == null ? 7 : days.getValue();
        if (ahead < 0 || ahead > 366) {
            throw Refusals.badParameter("days", "days must be from 0 to 366");
        }
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        var due = jdbc.query("SELECT l.resource_id, r.due_date, r.identity_verified FROM gdpr_data_requests r "
                        + ResourceLinks.resourceIdJoinSql("gdpr_data_requests", "r", "Task", "l")
                        + " WHERE r.organization_id = (SELECT id FROM organizations WHERE subdomain = ?)"
                        + " AND r.status IN ('pending', 'in_progress')"
                        + " AND (r.due_date <= ? OR NOT r.identity_verified)"
                        + " ORDER BY r.due_date, r.id LIMIT " + MOST,
                (rs, n) -> new Due(rs.getString(1), rs.getTimestamp(2).toLocalDateTime(), rs.getBoolean(3)),
                request.getTenantId(), Timestamp.valueOf(now.plusDays(ahead)));
        Bundle answer = new Bundle().setType(Bundle.BundleType.COLLECTION);
        var dao = daos.getResourceDao(Task.class);
        for (Due row : due) {
            Task task;
            try {
                task = dao.read(new IdType("Task", row.resourceId()), request);
            } catch (ResourceNotFoundException | ResourceGoneException e) {
                continue;
            }
            if (task == null) {
                continue;
            }
            String state = !row.verified() ? "paused" : row.dueDate().isBefore(now) ? "overdue" : "due";
            Bundle.BundleEntryComponent entry = answer.addEntry().setFullUrl("Task/" + row.resourceId())
                    .setResource(task);
            entry.addExtension(CuraCanonical.DEADLINE_STATE_EXTENSION, new CodeType(state));
        }
        answer.setTotal(answer.getEntry().size());
        return answer;
    }
}
