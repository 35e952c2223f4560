package health.cura.fhir.gdpr;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.audit.PatientOperationAudit;
import health.cura.fhir.tenancy.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a patient's export, now or in the background, and does what completing it does: the disclosure is audited
 * when the archive is handed over, and the data subject request it answers (when one is named) is completed.
 */
public class PatientExports implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PatientExports.class);

    /** What an export is of. */
    public record Subject(Tenant clinic, String base, String patient, int patientRow, String request) {}

    private final PatientRecordCollector collector;
    private final RecordArchive archive;
    private final GdprExports exports;
    private final PatientOperationAudit audit;
    private final RequestTasks tasks;
    private final ExecutorService workers;
    private final Clock clock;

    public PatientExports(PatientRecordCollector collector, RecordArchive archive, GdprExports exports,
            PatientOperationAudit audit, RequestTasks tasks, Clock clock) {
        this.collector = collector;
        this.archive = archive;
        this.exports = exports;
        this.audit = audit;
        this.tasks = tasks;
        // one export at a time per node: each reads a whole patient record, and they are rare
        this.workers = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gdpr-export");
            thread.setDaemon(true);
            return thread;
        });
        this.clock = clock;
    }

    /** Made while the caller waits; audited as handed over. */
    public byte[] now(Subject subject, RequestDetails request) {
        PatientRecordCollector.Contents contents = collector.collect(subject.clinic(), subject.patient(),
                subject.patientRow(), (done, total) -> {});
        byte[] zip = archive.zip(contents, subject.base(), subject.clinic().name(), subject.patient(),
                Instant.now(clock));
        audit.exported(request, subject.patient(), contents.records(), "$gdpr-export");
        complete(subject, "Given to the patient directly");
        return zip;
    }

    /** Started in the background; its status and archive are {@code $gdpr-export-status}'s. */
    public UUID later(Subject subject, Integer requestedBy) {
        UUID id = exports.start(subject.clinic().id(), subject.patient(), subject.request(), requestedBy);
        workers.submit(() -> make(id, subject));
        return id;
    }

    private void make(UUID id, Subject subject) {
        try {
            long[] last = {0};
            PatientRecordCollector.Contents contents = collector.collect(subject.clinic(), subject.patient(),
                    subject.patientRow(), (done, total) -> {
                        long now = System.nanoTime();
                        if (done == total || now - last[0] > 500_000_000L) {
                            last[0] = now;
                            exports.progress(id, done, total);
                        }
                    });
            byte[] zip = archive.zip(contents, subject.base(), subject.clinic().name(), subject.patient(),
                    Instant.now(clock));
            // the request is answered before the archive is offered, so that whoever fetches it sees it answered
            complete(subject, "$gdpr-export-status?job=" + id);
            exports.completed(id, zip, contents.records());
        } catch (RuntimeException e) {
            // the class only: a message may quote the record
            log.warn("GDPR export {} failed: {}", id, e.getClass().getName());
            exports.failed(id, "The export could not be made (" + e.getClass().getSimpleName() + "); start a new one");
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** Audits the handing over of a background export's archive. */
    public void handedOver(RequestDetails request, GdprExports.Export export) {
        audit.exported(request, export.patient(), export.records(), "$gdpr-export-status");
    }

    private void complete(Subject subject, String where) {
        if (subject.request() != null) {
            tasks.complete(subject.clinic(), subject.request(), "Export of the patient's records", where);
        }
    }

}
