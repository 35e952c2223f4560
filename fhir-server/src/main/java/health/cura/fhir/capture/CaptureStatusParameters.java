package health.cura.fhir.capture;

import health.cura.fhir.operations.OperationDefinitions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** The answer of {@code $capture-status} and {@code $capture-backfill}: the backfill's progress and the backlog. */
final class CaptureStatusParameters {

    private CaptureStatusParameters() {}

    /** Declares the answer's parameters on a definition. */
    static OperationDefinitions declare(OperationDefinitions definition) {
        return definition
                .out("backfillRunning", "boolean", 1, "1", "whether a backfill is under way")
                .out("backfillStarted", "instant", 0, "1", "when the current (or last) backfill started")
                .out("rowsDone", "integer", 1, "1", "rows of the backfill applied")
                .out("rowsLeft", "integer", 1, "1", "rows of the backfill still to apply")
                .out("rowsPerSecond", "decimal", 1, "1", "rows applied per second since the backfill started")
                .out("secondsLeft", "integer", 0, "1", "estimated time left at that rate, in seconds")
                .out("table", null, 0, "*", "each table's part of the backfill")
                .part("name", "string", 1, "1", "the table")
                .part("rowsDone", "integer", 1, "1", "its rows applied")
                .part("rowsLeft", "integer", 1, "1", "its rows still to apply")
                .out("waiting", "integer", 1, "1", "changes other software made that wait to be applied")
                .out("lagSeconds", "decimal", 1, "1", "how long the oldest of them has waited")
                .out("parked", "integer", 1, "1", "changes parked until their row is fixed ($capture-parked)");
    }

    static Parameters of(Backfill.Progress progress, CaptureBacklog.Snapshot backlog, Instant now) {
        Parameters out = new Parameters();
        out.addParameter().setName("backfillRunning").setValue(new BooleanType(progress.running()));
        if (progress.startedAt() != null) {
            out.addParameter().setName("backfillStarted").setValue(new InstantType(
                    java.util.Date.from(progress.startedAt())));
        }
        out.addParameter().setName("rowsDone").setValue(new IntegerType(clamp(progress.done())));
        out.addParameter().setName("rowsLeft").setValue(new IntegerType(clamp(progress.left())));
        out.addParameter().setName("rowsPerSecond").setValue(new DecimalType(
                BigDecimal.valueOf(progress.rate(now)).setScale(1, RoundingMode.HALF_UP)));
        Duration left = progress.running() ? progress.estimatedTimeLeft(now) : Duration.ZERO;
        if (left != null) {
            out.addParameter().setName("secondsLeft").setValue(new IntegerType(clamp(left.toSeconds())));
        }
        for (Backfill.TableProgress table : progress.tables()) {
            Parameters.ParametersParameterComponent part = out.addParameter().setName("table");
            part.addPart().setName("name").setValue(new StringType(table.table()));
            part.addPart().setName("rowsDone").setValue(new IntegerType(clamp(table.done())));
            part.addPart().setName("rowsLeft").setValue(new IntegerType(clamp(table.left())));
        }
        out.addParameter().setName("waiting").setValue(new IntegerType(clamp(backlog.waiting())));
        out.addParameter().setName("lagSeconds").setValue(new DecimalType(
                BigDecimal.valueOf(backlog.lag().toMillis()).movePointLeft(3)));
        out.addParameter().setName("parked").setValue(new IntegerType(clamp(backlog.parked())));
        return out;
    }

    private static int clamp(long value) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, value));
    }
}
