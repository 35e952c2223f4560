package health.cura.fhir.capture;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import com.fasterxml.jackson.core.JsonProcessingException;
import health.cura.mappings.UnmappableResourceException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the next due change of the log (a change other software made before any change the backfill queued), in a
 * transaction of its own: claims it ({@code FOR UPDATE SKIP LOCKED}, so
 * that several workers and nodes never take the same change), holds the row's own lock while applying it (so that two
 * changes of one row are applied one after the other, in order; a change whose row is being applied waits a moment
 * and is taken again), takes the row's later pending changes with it (they
 * are all satisfied by the row's current state), applies, and deletes them, all or nothing: a process that dies half
 * way leaves the changes to be applied again, and applying is idempotent. A change that fails is tried again later
 * (backoff), or parked with its reason when it cannot succeed, and never holds up the changes behind it.
 */
public final class ChangeApplier {

    private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, RowApplier> appliers;
    private final CaptureClinics clinics;
    private final CaptureProperties properties;
    private final Counter applied;
    private final Counter retried;
    private final Counter parked;

    public ChangeApplier(JdbcTemplate jdbc, TransactionTemplate transactions, List<RowApplier> appliers,
            CaptureClinics clinics, CaptureProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.appliers = appliers.stream().collect(Collectors.toMap(RowApplier::table, Function.identity()));
        this.clinics = clinics;
        this.properties = properties;
        this.applied = meters.counter("cura.capture.applied");
        this.retried = meters.counter("cura.capture.retried");
        this.parked = meters.counter("cura.capture.parked");
    }

    private record Change(long id, String table, int rowId, Integer organizationId, int attempts) {}

    /** Applies the next due change, if there is one; whether there was. */
    public boolean applyNext() {
        Change[] taken = new Change[1];
        List<Long> taking = new java.util.ArrayList<>();
        try {
            Boolean found = transactions.execute(tx -> {
                Optional<Change> next = next("operation <> 'B'").or(() -> next("operation = 'B'"));
                if (next.isEmpty()) {
                    return false;
                }
                Change change = next.get();
                taken[0] = change;
                // another worker applying this row holds it: this change waits its turn, after that one
                if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext(?), ?)",
                        Boolean.class, change.table(), change.rowId()))) {
                    throw new RowBusyException(change.table(), change.rowId());
                }
                List<Long> same = jdbc.queryForList("""
                        SELECT id FROM cura_row_changes WHERE table_name = ? AND row_id = ? AND id > ?
                        FOR UPDATE SKIP LOCKED""", Long.class, change.table(), change.rowId(), change.id());
                taking.addAll(same);
                apply(change);
                jdbc.update("DELETE FROM cura_row_changes WHERE id = ? OR id = ANY (?)", change.id(),
                        same.toArray(new Long[0]));
                // the row is right now: whatever was parked for it is settled
                jdbc.update("DELETE FROM cura_parked_changes WHERE table_name = ? AND row_id = ?", change.table(),
                        change.rowId());
                applied.increment(1 + same.size());
                return true;
            });
            return Boolean.TRUE.equals(found);
        } catch (RuntimeException failure) {
            if (taken[0] == null) {
                throw failure;
            }
            failed(taken[0], taking, failure);
            return true;
        }
    }

    /** The oldest due change of a kind (live changes first, then the backfill's), claimed. */
    private Optional<Change> next(String kind) {
        return jdbc.query("SELECT id, table_name, row_id, organization_id, attempts FROM cura_row_changes WHERE "
                + kind + " AND not_before <= clock_timestamp() ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
                (rs, n) -> new Change(rs.getLong(1), rs.getString(2), rs.getInt(3), (Integer) rs.getObject(4),
                        rs.getInt(5))).stream().findFirst();
    }

    private void apply(Change change) {
        RowApplier applier = appliers.get(change.table());
        if (applier == null) {
            return;
        }
        boolean outsideClinics = change.organizationId() == null || change.organizationId() <= 0;
        if (outsideClinics && applier.ignoresRowsOutsideClinics()) {
            return;
        }
        Optional<String> tenant = outsideClinics ? Optional.empty()
                : clinics.tenantOf(change.organizationId());
        if (tenant.isEmpty()) {
            throw new UnmappableResourceException(change.table() + ".organization_id", change.table()
                    + ".organization_id " + change.organizationId() + " is no clinic of this server");
        }
        applier.apply(new CapturedRow(change.table(), change.rowId(), change.organizationId(), tenant.get()));
    }

    /**
     * @param same the row's later changes taken with it; changes committed since (the row fixed, perhaps) stay queued
     */
    private void failed(Change change, List<Long> same, RuntimeException failure) {
        if (busy(failure)) {
            // another worker holds a row this one needs: not the row's fault, and no attempt spent
            transactions.executeWithoutResult(tx -> {
                if (stillAsTaken(change)) {
                    jdbc.update("""
                            UPDATE cura_row_changes SET not_before = clock_timestamp() + interval '50 milliseconds'
                            WHERE id = ?""", change.id());
                }
            });
            return;
        }
        String reason = reason(failure);
        boolean hopeless = cannotSucceed(failure) || change.attempts() + 1 >= properties.maxAttempts();
        Boolean recorded = transactions.execute(tx -> {
            if (!stillAsTaken(change)) {
                return false;
            }
            if (hopeless) {
                // one entry per row: the row's newest reason
                jdbc.update("DELETE FROM cura_parked_changes WHERE table_name = ? AND row_id = ?", change.table(),
                        change.rowId());
                jdbc.update("""
                        INSERT INTO cura_parked_changes (id, table_name, row_id, organization_id, operation,
                            transaction_id, changed_at, attempts, reason)
                        SELECT id, table_name, row_id, organization_id, operation, transaction_id, changed_at,
                            attempts + 1, ?
                        FROM cura_row_changes WHERE id = ?
                        ON CONFLICT (id) DO NOTHING""", reason, change.id());
                // the row's other changes taken with it would fail the same way; its retry applies the row as it is
                jdbc.update("DELETE FROM cura_row_changes WHERE id = ? OR id = ANY (?)", change.id(),
                        same.toArray(new Long[0]));
            } else {
                jdbc.update("""
                        UPDATE cura_row_changes SET attempts = attempts + 1, last_error = ?,
                            not_before = clock_timestamp() + ?::interval
                        WHERE id = ?""", reason, backoff(change.attempts()).toMillis() + " milliseconds",
                        change.id());
            }
            return true;
        });
        if (!Boolean.TRUE.equals(recorded)) {
            return;
        }
        if (hopeless) {
            parked.increment();
            // the reason stays in the database, for the clinic's administrators: a row's values are no log's business
            log.warn("Change {} of {} row {} parked ({})", change.id(), change.table(), change.rowId(),
                    failure.getClass().getSimpleName());
        } else {
            retried.increment();
            log.info("Change {} of {} row {} to be retried ({})", change.id(), change.table(), change.rowId(),
                    failure.getClass().getSimpleName());
        }
    }

    private Duration backoff(int attempts) {
        Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(attempts, 20));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    /**
     * Whether the failed change is still there as this worker took it, now locked by it. Between the rollback of a
     * failed apply and this, another worker may have taken the change again: then that worker's outcome stands, and
     * this one records nothing (two workers parking one change could otherwise lose it).
     */
    private boolean stillAsTaken(Change change) {
        return jdbc.queryForList("SELECT attempts FROM cura_row_changes WHERE id = ? FOR UPDATE SKIP LOCKED",
                Integer.class, change.id()).stream().anyMatch(attempts -> attempts == change.attempts());
    }

    /** A row lock another worker holds (or a deadlock PostgreSQL broke): try again in a moment. */
    private static boolean busy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RowBusyException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && "40P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The row itself is wrong: trying again before someone fixes it cannot help. */
    private static boolean cannotSucceed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ResourceVersionConflictException
                    || cause instanceof BaseServerResponseException answer && answer.getStatusCode() >= 500) {
                // another writer of the same resource, or the server busy: it may well work next time
                return false;
            }
            if (cause instanceof UnmappableResourceException || cause instanceof DataFormatException
                    || cause instanceof JsonProcessingException || cause instanceof IllegalArgumentException
                    || cause instanceof BaseServerResponseException) {
                return true;
            }
        }
        return false;
    }

    /** The errors of the refusal's OperationOutcome (the validator's findings), each with where it is. */
    private static String issues(BaseServerResponseException refused) {
        if (!(refused.getOperationOutcome() instanceof OperationOutcome outcome)) {
            return "";
        }
        String errors = outcome.getIssue().stream()
                .filter(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || issue.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                .limit(5)
                .map(issue -> (issue.hasExpression() ? issue.getExpression().get(0).getValue() + ": " : "")
                        + issue.getDiagnostics())
                .collect(Collectors.joining("; "));
        return errors.isEmpty() ? "" : " (" + errors + ")";
    }

    /** What went wrong, in words fit for the clinic's administrator: the mapping's message, never SQL or a stack. */
    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnmappableResourceException unmappable) {
                return unmappable.getMessage();
            }
            if (cause instanceof JsonProcessingException json) {
                return "a JSON column cannot be read: " + json.getOriginalMessage();
            }
            if (cause instanceof BaseServerResponseException refused) {
                return "the resource was refused: " + refused.getMessage() + issues(refused);
            }
            if (cause instanceof DataFormatException || cause instanceof IllegalArgumentException) {
                return cause.getMessage();
            }
        }
        return failure.getClass().getSimpleName() + " (a passing failure; see the server log)";
    }
}
