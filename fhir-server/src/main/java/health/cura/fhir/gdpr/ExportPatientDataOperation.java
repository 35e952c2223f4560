package health.cura.fhir.gdpr;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * {@code POST /fhir/{clinic}/Patient/{id}/$gdpr-export}: everything the clinic holds about the patient, for the
 * patient (UK GDPR Art. 15 access, Art. 20 portability), as a ZIP ({@link RecordArchive}). With
 * {@code Prefer: respond-async} it is made in the background: 202 and a {@code Content-Location} to poll
 * ({@code $gdpr-export-status}); otherwise the ZIP is the answer. Naming the data subject request it answers completes
 * that request once the archive is made.
 */
public class ExportPatientDataOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("gdpr-export", "Export a patient's records for them",
                    "Everything the clinic holds about the patient (UK GDPR Art. 15 and 20), as a ZIP: every version "
                            + "of every FHIR record about them (a FHIR Bundle), the clinic's rows about them (JSON, "
                            + "table by table, the audit trail's included), and a README. Records also about another "
                            + "person are withheld and counted. With Prefer: respond-async the ZIP is made in the "
                            + "background (202, Content-Location to $gdpr-export-status); otherwise it is the answer "
                            + "(application/zip). Each handing over is audited.")
            .instance("Patient")
            .changesState()
            .in("request", "Reference", 0, "1", "the data subject request it answers, Task/{id} of this patient "
                    + "(access or portability, identity verified): completed once the archive is made")
            .out("return", "Binary", 0, "1", "the ZIP (application/zip), when not asked for asynchronously")
            .build();

    private final PatientExports exports;
    private final TenantDirectory tenants;
    private final ResourceLinks links;
    private final RequestTasks tasks;

    public ExportPatientDataOperation(PatientExports exports, TenantDirectory tenants, ResourceLinks links,
            RequestTasks tasks) {
        this.exports = exports;
        this.tenants = tenants;
        this.links = links;
        this.tasks = tasks;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return ExportAccess.exporters();
    }

    /** The handing over is audited by the operation itself, with every record it held. */
    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$gdpr-export", type = Patient.class, idempotent = false, manualResponse = true)
    public void export(@IdParam IdType patientId, @OperationParam(name = "request") Reference request,
            RequestDetails details, HttpServletResponse response) throws IOException {
        PatientOfClinic of = PatientOfClinic.of(patientId, details, tenants, links);
        String task = request == null ? null
                : tasks.answerable(of.clinic(), request, of.row(), Set.of("access", "portability"));
        PatientExports.Subject subject = new PatientExports.Subject(of.clinic(), details.getFhirServerBase(),
                of.patient(), of.row(), task);
        String prefer = details.getHeader("Prefer");
        if (prefer != null && prefer.contains("respond-async")) {
            UUID job = exports.later(subject, RequestGrants.of(details).flatMap(AccessGrant::userRowId).orElse(null));
            response.setStatus(202);
            response.setHeader("Content-Location", details.getFhirServerBase() + "/$gdpr-export-status?job=" + job);
            response.setContentType("application/fhir+json");
            OperationOutcome accepted = new OperationOutcome();
            accepted.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("The export is being made: poll the Content-Location for its progress and archive");
            response.getWriter().write(details.getFhirContext().newJsonParser().encodeResourceToString(accepted));
            return;
        }
        byte[] zip = exports.now(subject, details);
        ArchiveResponse.send(response, of.patient(), zip);
    }
}
