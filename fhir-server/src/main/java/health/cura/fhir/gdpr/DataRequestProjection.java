package health.cura.fhir.gdpr;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.gdpr.CommunicationEntry;
import health.cura.mappings.gdpr.DataRequestMapper;
import health.cura.mappings.gdpr.DataRequestRow;
import health.cura.mappings.gdpr.StatutoryDeadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Task;

/**
 * A data subject request (Task) → {@code gdpr_data_requests}, held to the rules the law sets on it before it is stored:
 * <ul>
 *   <li>the day of receipt ({@code authoredOn}, now when absent) is fixed once recorded, and the server works out the
 *       deadline ({@code restriction.period.end}, the end of its day in the clinic's zone) by
 *       {@link StatutoryDeadline}: a client's value is replaced;
 *   <li>a verified identity stays verified; a request is completed only once it is;
 *   <li>the deadline is extended (by one or two months, with a reason) only within the first month, and only once the
 *       communication log shows the patient was told within it;
 *   <li>a rejection says why; an answered request (completed, rejected or cancelled) stays answered, and the moment it
 *       was answered ({@code executionPeriod.end}) is recorded once.
 * </ul>
 * A FHIR delete cancels an open request: the record of a request is evidence the clinic keeps.
 */
public class DataRequestProjection implements ResourceProjection {

    /** How far ahead of the server's clock a stated moment may be (clients' clocks drift). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final LinkedRows rows;
    private final Clock clock;
    private final ZoneId zone;

    public DataRequestProjection(LinkedRows rows, Clock clock, ZoneId zone) {
        this.rows = rows;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public String resourceType() {
        return "Task";
    }

    @Override
    public void prepare(IBaseResource resource, IBaseResource previous, ProjectionContext context) {
        Task task = (Task) resource;
        Task before = (Task) previous;
        Instant now = clock.instant();
        Instant received = received(task, before, now);
        Instant verified = verified(task, before, now);
        String status = status(task);
        String was = before == null ? null : status(before);
        if (was != null && DataRequestMapper.CLOSED.contains(was) && !was.equals(status)) {
            throw new UnmappableResourceException("Task.status", "The request was " + was + ": an answered request "
                    + "stays as it is (record a new request instead)");
        }
        if ("rejected".equals(status) && (task.getStatusReason().getText() == null
                || task.getStatusReason().getText().isBlank())) {
            throw new UnmappableResourceException("Task.statusReason", "A rejected request says why, in "
                    + "Task.statusReason.text: the patient must be told the reason (UK GDPR Art. 12(4))");
        }
        if ("completed".equals(status) && verified == null) {
            throw new UnmappableResourceException("Task.extension('" + CuraCanonical.IDENTITY_VERIFIED_EXTENSION
                    + "')", "A request is completed only once the requester's identity is verified");
        }
        if (("completed".equals(status) || "rejected".equals(status)) && !Objects.equals(was, status)) {
            if (!task.getExecutionPeriod().hasEnd()) {
                task.getExecutionPeriod().setEndElement(moment(now));
            }
        } else if (before != null && before.getExecutionPeriod().hasEnd()) {
            task.getExecutionPeriod().setEndElement(before.getExecutionPeriod().getEndElement().copy());
        }
        LocalDate receivedOn = received.atZone(zone).toLocalDate();
        LocalDate verifiedOn = verified == null ? null : verified.atZone(zone).toLocalDate();
        int months = extensionMonths(task);
        if (months != (before == null ? 0 : extensionMonths(before))) {
            checkExtension(task, months, receivedOn, verifiedOn, now);
        }
        LocalDate due = StatutoryDeadline.due(receivedOn, verifiedOn, months);
        Instant endOfDue = due.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
        task.getRestriction().getPeriod().setEndElement(moment(endOfDue));
        DataRequestMapper.markPause(task, status, verified != null);
    }

    private Instant received(Task task, Task before, Instant now) {
        if (before != null && before.hasAuthoredOn()) {
            if (task.hasAuthoredOn() && !task.getAuthoredOn().equals(before.getAuthoredOn())) {
                throw new UnmappableResourceException("Task.authoredOn", "The request was received on "
                        + before.getAuthoredOnElement().getValueAsString() + ": its receipt, from which the deadline "
                        + "runs, is fixed once recorded");
            }
            task.setAuthoredOnElement(before.getAuthoredOnElement().copy());
        } else if (!task.hasAuthoredOn()) {
            task.setAuthoredOnElement(moment(now));
        }
        Instant received = task.getAuthoredOn().toInstant();
        if (received.isAfter(now.plus(CLOCK_SKEW))) {
            throw new UnmappableResourceException("Task.authoredOn", "A request cannot be received in the future");
        }
        return received;
    }

    private static Instant verified(Task task, Task before, Instant now) {
        Instant was = verifiedAt(before);
        Instant is = verifiedAt(task);
        if (was != null && (is == null || !is.equals(was))) {
            throw new UnmappableResourceException("Task.extension('" + CuraCanonical.IDENTITY_VERIFIED_EXTENSION
                    + "')", "The requester's identity was verified at " + was + ": that stays recorded");
        }
        if (is != null && is.isAfter(now.plus(CLOCK_SKEW))) {
            throw new UnmappableResourceException("Task.extension('" + CuraCanonical.IDENTITY_VERIFIED_EXTENSION
                    + "')", "Identity cannot be verified in the future");
        }
        return is;
    }

    private static Instant verifiedAt(Task task) {
        if (task == null) {
            return null;
        }
        Extension extension = task.getExtensionByUrl(CuraCanonical.IDENTITY_VERIFIED_EXTENSION);
        return extension != null && extension.getValue() instanceof DateTimeType at && at.getValue() != null
                ? at.getValue().toInstant() : null;
    }

    private void checkExtension(Task task, int months, LocalDate receivedOn, LocalDate verifiedOn, Instant now) {
        String where = "Task.extension('" + CuraCanonical.DEADLINE_EXTENSION_MONTHS_EXTENSION + "')";
        LocalDate firstMonth = StatutoryDeadline.firstMonth(receivedOn, verifiedOn);
        Instant firstMonthEnds = firstMonth.plusDays(1).atStartOfDay(zone).toInstant();
        if (!now.isBefore(firstMonthEnds)) {
            throw new UnmappableResourceException(where, "The deadline is extended only within the first month, "
                    + "which ended on " + firstMonth);
        }
        if (months == 0) {
            return;
        }
        Extension reason = task.getExtensionByUrl(CuraCanonical.DEADLINE_EXTENSION_REASON_EXTENSION);
        if (reason == null || reason.getValue() == null || reason.getValue().primitiveValue() == null
                || reason.getValue().primitiveValue().isBlank()) {
            throw new UnmappableResourceException("Task.extension('" + CuraCanonical.DEADLINE_EXTENSION_REASON_EXTENSION
                    + "')", "An extended deadline needs its reason recorded (the request is complex, or one of many "
                    + "from the patient)");
        }
        Instant receivedDay = receivedOn.atStartOfDay(zone).toInstant();
        boolean told = task.getNote().stream().anyMatch(note -> note.hasTime()
                && !note.getTime().toInstant().isBefore(receivedDay)
                && note.getTime().toInstant().isBefore(firstMonthEnds));
        if (!told) {
            throw new UnmappableResourceException("Task.note", "The patient is told of an extension, and why, within "
                    + "the first month: record that in the communication log (a note with its time) first");
        }
    }

    private static int extensionMonths(Task task) {
        Extension extension = task.getExtensionByUrl(CuraCanonical.DEADLINE_EXTENSION_MONTHS_EXTENSION);
        return extension != null && extension.getValue() instanceof IntegerType months && months.getValue() != null
                ? months.getValue() : 0;
    }

    private static String status(Task task) {
        return task.hasStatus() ? CuraEnums.GDPR_REQUEST_STATUS.fromStandard(task.getStatus().toCode()).orElse(null)
                : null;
    }

    private static DateTimeType moment(Instant instant) {
        DateTimeType value = new DateTimeType(Date.from(instant));
        value.setTimeZoneZulu(true);
        return value;
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        Task task = (Task) resource;
        DataRequestRow row = DataRequestMapper.toRow(task, context.mappingOf(task));
        rows.save(context, CuraTables.GDPR_DATA_REQUESTS, "Task", task.getIdElement().getIdPart(), values(row));
    }

    private static RowValues values(DataRequestRow row) {
        Map<String, Object> deadline = new LinkedHashMap<>();
        deadline.put("identityVerifiedAt", iso(row.identityVerifiedAt()));
        deadline.put("extensionMonths", row.extensionMonths());
        deadline.put("extensionReason", row.extensionReason());
        return RowValues.of()
                .set("patient_id", row.patientId())
                .set("request_type", row.requestType())
                .set("status", row.status())
                .set("request_reason", row.requestReason())
                .set("identity_verified", row.identityVerified())
                .set("processed_by", row.processedBy())
                .set("requested_at", row.requestedAt())
                .set("completed_at", row.completedAt())
                .set("due_date", row.dueDate())
                .set("rejection_reason", row.rejectionReason())
                .set("communication_log", log(row.communicationLog()))
                .setKey("metadata", "deadline", deadline);
    }

    /** {@code communication_log}'s documented form: {@code [{"at", "channel", "by", "summary"}]}, moments in UTC. */
    static List<Map<String, Object>> log(List<CommunicationEntry> entries) {
        List<Map<String, Object>> log = new ArrayList<>();
        for (CommunicationEntry entry : entries) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("at", iso(entry.at()));
            item.put("channel", entry.channel());
            item.put("by", entry.by());
            item.put("summary", entry.summary());
            log.add(item);
        }
        return log;
    }

    private static String iso(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC).toString();
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        Task task = (Task) resource;
        if (DataRequestMapper.CLOSED.contains(status(task))) {
            return;
        }
        rows.set(context, CuraTables.GDPR_DATA_REQUESTS, "Task", task.getIdElement().getIdPart(),
                RowValues.of().set("status", "cancelled"));
    }
}
