package health.cura.mappings.gdpr;

import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.Instants;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * A {@code gdpr_data_requests} row ⇄ a FHIR Task: the kind of request in {@code code}, its status, the patient in
 * {@code for}, receipt in {@code authoredOn}, the deadline in {@code restriction.period.end}, the answer's moment in
 * {@code executionPeriod.end}, who handles it in {@code owner}, the patient's reason in {@code reasonCode.text}, a
 * rejection's in {@code statusReason.text}, the communication log as {@code note}s, identity verification and the
 * deadline's extension as Cura extensions.
 */
public final class DataRequestMapper {

    /** The channels a communication log entry may name. */
    public static final Set<String> CHANNELS = Set.of("email", "letter", "phone", "in_person", "portal", "sms");

    /** Statuses after which a request is answered and stays as it is. */
    public static final Set<String> CLOSED = Set.of("completed", "rejected", "cancelled");

    private static final String PAUSED = "Awaiting proof of identity: the deadline is paused";

    private DataRequestMapper() {}

    /** What a {@code gdpr_data_requests} row supplies of its Task; identifiers, input, output and the rest are kept. */
    public static final OwnedElements<Task> OWNED = OwnedElements.of(Task.class)
            .element("status", "statusReason", "businessStatus", "intent", "code", "for", "authoredOn",
                    "executionPeriod", "owner", "reasonCode", "restriction", "note")
            .extension(CuraCanonical.IDENTITY_VERIFIED_EXTENSION, CuraCanonical.DEADLINE_EXTENSION_MONTHS_EXTENSION,
                    CuraCanonical.DEADLINE_EXTENSION_REASON_EXTENSION)
            .build();

    public static Task toFhir(DataRequestRow row, MappingContext context) {
        Task task = new Task();
        task.setStatus(Task.TaskStatus.fromCode(CuraEnums.GDPR_REQUEST_STATUS.toStandard(row.status()).orElseThrow()));
        task.setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept().addCoding(new Coding(CuraEnums.GDPR_REQUEST_TYPE.system(),
                row.requestType(), CuraEnums.GDPR_REQUEST_TYPE.display(row.requestType()))));
        task.setFor(References.toRow("Patient", row.patientId(), context.links()));
        if (row.requestedAt() != null) {
            task.setAuthoredOnElement(Instants.toDateTime(row.requestedAt()));
        }
        if (row.dueDate() != null) {
            task.getRestriction().getPeriod().setEndElement(Instants.toDateTime(row.dueDate()));
        }
        if (row.completedAt() != null) {
            task.getExecutionPeriod().setEndElement(Instants.toDateTime(row.completedAt()));
        }
        if (row.processedBy() != null) {
            task.setOwner(References.toRow("Practitioner", row.processedBy(), context.links()));
        }
        if (row.requestReason() != null) {
            task.getReasonCode().setText(row.requestReason());
        }
        if (row.rejectionReason() != null) {
            task.getStatusReason().setText(row.rejectionReason());
        }
        if (row.identityVerified()) {
            task.addExtension(CuraCanonical.IDENTITY_VERIFIED_EXTENSION, Instants.toDateTime(row.identityVerifiedAt()));
        }
        markPause(task, row.status(), row.identityVerified());
        if (row.extensionMonths() > 0) {
            task.addExtension(CuraCanonical.DEADLINE_EXTENSION_MONTHS_EXTENSION,
                    new IntegerType(row.extensionMonths()));
        }
        if (row.extensionReason() != null) {
            task.addExtension(CuraCanonical.DEADLINE_EXTENSION_REASON_EXTENSION,
                    new StringType(row.extensionReason()));
        }
        for (CommunicationEntry entry : row.communicationLog()) {
            Annotation note = task.addNote().setText(entry.summary());
            if (entry.at() != null) {
                note.setTimeElement(Instants.toDateTime(entry.at()));
            }
            if (entry.by() != null) {
                note.setAuthor(new StringType(entry.by()));
            }
            if (entry.channel() != null) {
                note.addExtension(CuraCanonical.COMMUNICATION_CHANNEL_EXTENSION, new CodeType(entry.channel()));
            }
        }
        return task;
    }

    /**
     * Says in {@code businessStatus} that an open request waits for proof of identity, its deadline paused; clears it
     * otherwise.
     */
    public static void markPause(Task task, String status, boolean identityVerified) {
        if (!identityVerified && !CLOSED.contains(status)) {
            task.setBusinessStatus(new CodeableConcept().setText(PAUSED));
        } else {
            task.setBusinessStatus(null);
        }
    }

    public static DataRequestRow toRow(Task task, MappingContext context) {
        int patient = References.rowId(task.getFor(), "Patient", context.links())
                .orElseThrow(() -> new UnmappableResourceException("Task.for",
                        "Task.for must reference a Patient of this clinic: the patient the request is about"));
        String status = task.hasStatus() ? CuraEnums.GDPR_REQUEST_STATUS.fromStandard(task.getStatus().toCode())
                .orElseThrow(() -> new UnmappableResourceException("Task.status", "Task.status '"
                        + task.getStatus().toCode() + "' has no counterpart in gdpr_data_requests.status"))
                : null;
        if (status == null) {
            throw new UnmappableResourceException("Task.status", "Task.status is required");
        }
        Extension months = task.getExtensionByUrl(CuraCanonical.DEADLINE_EXTENSION_MONTHS_EXTENSION);
        int extension = 0;
        if (months != null) {
            if (!(months.getValue() instanceof IntegerType value) || value.getValue() == null) {
                throw new UnmappableResourceException(extensionPath(CuraCanonical.DEADLINE_EXTENSION_MONTHS_EXTENSION),
                        "The deadline's extension is a whole number of months");
            }
            extension = value.getValue();
            if (extension < 0 || extension > StatutoryDeadline.MAX_EXTENSION_MONTHS) {
                throw new UnmappableResourceException(extensionPath(CuraCanonical.DEADLINE_EXTENSION_MONTHS_EXTENSION),
                        "The deadline may be extended by at most " + StatutoryDeadline.MAX_EXTENSION_MONTHS
                                + " further months (UK GDPR Art. 12(3)), not " + extension);
            }
        }
        Extension verified = task.getExtensionByUrl(CuraCanonical.IDENTITY_VERIFIED_EXTENSION);
        if (verified != null && !(verified.getValue() instanceof DateTimeType verifiedAt && verifiedAt.hasValue())) {
            throw new UnmappableResourceException(extensionPath(CuraCanonical.IDENTITY_VERIFIED_EXTENSION),
                    "Identity verification is recorded as the moment it was done (a dateTime)");
        }
        return new DataRequestRow(
                patient,
                requestType(task),
                status,
                blankToNull(task.getReasonCode().getText()),
                verified == null ? null : Instants.toUtc(((DateTimeType) verified.getValue()).getValue()),
                References.rowId(task.getOwner(), "Practitioner", context.links()).stream().boxed().findFirst()
                        .orElse(null),
                task.hasAuthoredOn() ? Instants.toUtc(task.getAuthoredOn()) : null,
                task.getExecutionPeriod().hasEnd() ? Instants.toUtc(task.getExecutionPeriod().getEnd()) : null,
                task.getRestriction().getPeriod().hasEnd() ? Instants.toUtc(task.getRestriction().getPeriod().getEnd())
                        : null,
                blankToNull(task.getStatusReason().getText()),
                communicationLog(task),
                extension,
                text(task.getExtensionByUrl(CuraCanonical.DEADLINE_EXTENSION_REASON_EXTENSION)));
    }

    private static String requestType(Task task) {
        return task.getCode().getCoding().stream()
                .filter(c -> CuraEnums.GDPR_REQUEST_TYPE.system().equals(c.getSystem()))
                .map(Coding::getCode)
                .findFirst()
                .map(code -> {
                    if (!CuraEnums.GDPR_REQUEST_TYPE.contains(code)) {
                        throw new UnmappableResourceException("Task.code", "'" + code + "' is no kind of data "
                                + "subject request: access, rectification, erasure, restriction, portability or "
                                + "objection");
                    }
                    return code;
                })
                .orElseThrow(() -> new UnmappableResourceException("Task.code", "A Task here is a data subject "
                        + "request: Task.code is a coding of " + CuraEnums.GDPR_REQUEST_TYPE.system()
                        + " (access, rectification, erasure, restriction, portability or objection)"));
    }

    private static List<CommunicationEntry> communicationLog(Task task) {
        List<CommunicationEntry> log = new ArrayList<>();
        for (Annotation note : task.getNote()) {
            Extension channel = note.getExtensionByUrl(CuraCanonical.COMMUNICATION_CHANNEL_EXTENSION);
            String how = channel != null && channel.getValue() instanceof CodeType code ? code.getValue() : null;
            if (how != null && !CHANNELS.contains(how)) {
                throw new UnmappableResourceException("Task.note", "'" + how + "' is no channel of the communication "
                        + "log: email, letter, phone, in_person, portal or sms");
            }
            String by = note.getAuthor() instanceof StringType name ? blankToNull(name.getValue()) : null;
            log.add(new CommunicationEntry(note.hasTime() ? Instants.toUtc(note.getTime()) : null, how, by,
                    note.getText() == null ? "" : note.getText()));
        }
        return log;
    }

    private static String text(Extension extension) {
        return extension != null && extension.getValue() instanceof StringType value ? blankToNull(value.getValue())
                : null;
    }

    private static String extensionPath(String url) {
        return "Task.extension('" + url + "')";
    }
}
