package health.cura.fhir.audit;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code GET /fhir/{clinic}/$verify-audit-trail}: checks the clinic's audit trail against its hash chain
 * ({@link AuditChain}) and answers 200 with an OperationOutcome: information when intact; else an error whose
 * expression names the first row edited, removed or written out of order ({@code gdpr_audit_trail/<id>}). The check
 * reads the whole trail in one snapshot, so rows written meanwhile are neither half seen nor taken for a break. It is a
 * read of the trail, and audited as one.
 */
public class VerifyAuditTrailOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("verify-audit-trail", "Verify the audit trail",
                    "Checks that no row of the clinic's audit trail (gdpr_audit_trail, served as AuditEvent) was "
                            + "changed, removed or written outside its hash chain since it was written, and that no "
                            + "rows were removed from its end since the last checkpoint. Answers an OperationOutcome: "
                            + "information when the trail is intact, else an error whose expression is "
                            + "gdpr_audit_trail/<id> of the first row that breaks it.")
            .system()
            .out("return", "OperationOutcome", 1, "1", "the verdict")
            .build();

    private final AuditChain chain;
    private final TransactionTemplate snapshot;
    private final TenantDirectory tenants;
    private final AuditTrail trail;

    public VerifyAuditTrailOperation(AuditChain chain, TransactionTemplate snapshot, TenantDirectory tenants,
            AuditTrail trail) {
        this.chain = chain;
        this.snapshot = snapshot;
        this.tenants = tenants;
        this.trail = trail;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.readsAcrossClinic("AuditEvent"),
                RoleNeed.of(ClinicModules.GDPR, StaffAction.VIEW));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$verify-audit-trail", idempotent = true)
    public OperationOutcome verify(RequestDetails request) {
        Tenant clinic = tenants.findBySubdomain(request.getTenantId())
                .orElseThrow(() -> new ResourceNotFoundException("No clinic " + request.getTenantId()));
        AuditChain.Verdict verdict = snapshot.execute(status -> chain.verify(clinic.id()));
        OperationOutcome outcome = new OperationOutcome();
        if (verdict.intact()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("The audit trail is intact: " + verdict.rowsChecked() + " rows checked against "
                            + "their hash chain and its last checkpoint");
        } else {
            int row = verdict.auditId().orElseThrow();
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.PROCESSING)
                    .setDiagnostics("gdpr_audit_trail row " + row + " " + verdict.finding() + " ("
                            + verdict.rowsChecked() + " rows before it are intact)")
                    .addExpression("gdpr_audit_trail/" + row);
        }
        FhirRequesters.of(request).ifPresent(requester -> trail.write(List.of(new AuditEntry(clinic.subdomain(),
                requester, "read", Optional.of("operation"), Optional.empty(), List.of(), "audit_trail", "0",
                Optional.of("$verify-audit-trail: " + (verdict.intact() ? "intact" : "broken")), Optional.empty()))));
        return outcome;
    }
}
