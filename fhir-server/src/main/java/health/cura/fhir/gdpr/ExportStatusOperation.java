package health.cura.fhir.gdpr;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET /fhir/{clinic}/$gdpr-export-status?job={id}}: how far a background export is (202 with
 * {@code X-Progress} and {@code Retry-After}), and once it is made, its ZIP (200, audited as handed over). An archive
 * dropped after its keeping time is gone (410); an export of another clinic is not found.
 */
public class ExportStatusOperation implements CuraOperation {

    /** A worker that has not reported for this long is gone: its node went down. */
    private static final Duration SILENCE = Duration.ofMinutes(2);

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("gdpr-export-status", "Progress and archive of a patient's export",
                    "Polled after Patient/$gdpr-export with Prefer: respond-async: 202 with X-Progress and "
                            + "Retry-After while the export is made; then 200 with the ZIP (application/zip), audited "
                            + "as handed over; 410 once the archive was dropped after its keeping time.")
            .system()
            .in("job", "string", 1, "1", "the export, as the Content-Location named it")
            .out("return", "Binary", 0, "1", "the ZIP (application/zip), once made")
            .build();

    private final GdprExports exports;
    private final PatientExports patientExports;
    private final TenantDirectory tenants;
    private final Duration keptFor;

    public ExportStatusOperation(GdprExports exports, PatientExports patientExports, TenantDirectory tenants,
            Duration keptFor) {
        this.exports = exports;
        this.patientExports = patientExports;
        this.tenants = tenants;
        this.keptFor = keptFor;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return ExportAccess.exporters();
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$gdpr-export-status", idempotent = true, manualResponse = true)
    public void status(@OperationParam(name = "job", min = 1) StringType job, RequestDetails details,
            HttpServletResponse response) throws IOException {
        UUID id;
        try {
            id = UUID.fromString(job == null || job.getValue() == null ? "" : job.getValue());
        } catch (IllegalArgumentException e) {
            throw Refusals.badParameter("job", "job is the export's id, as the Content-Location named it");
        }
        Tenant clinic = tenants.findBySubdomain(details.getTenantId()).orElseThrow();
        GdprExports.Export export = exports.find(clinic.id(), id, SILENCE)
                .orElseThrow(() -> new ResourceNotFoundException("No export " + id + " in this clinic"));
        switch (export.status()) {
            case "running" -> {
                if (export.stale()) {
                    throw new InternalErrorException("The export stopped (its server went down); start a new one");
                }
                response.setStatus(202);
                response.setHeader("X-Progress", export.total() == null ? "starting"
                        : export.done() + " of " + export.total() + " records collected");
                response.setHeader("Retry-After", "2");
            }
            case "failed" -> throw new InternalErrorException(export.error());
            case "expired" -> throw new ResourceGoneException("The archive was dropped " + keptFor.toDays()
                    + " days after it was made; start a new export");
            default -> {
                byte[] zip = exports.archive(clinic.id(), id).orElseThrow(() -> new ResourceGoneException(
                        "The archive was dropped; start a new export"));
                patientExports.handedOver(details, export);
                ArchiveResponse.send(response, export.patient(), zip);
            }
        }
    }
}
