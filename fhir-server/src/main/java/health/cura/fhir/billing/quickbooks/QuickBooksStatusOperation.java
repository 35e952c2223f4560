package health.cura.fhir.billing.quickbooks;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.billing.BillingClinic;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tenancy.Tenant;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /fhir/{clinic}/$quickbooks-status}: the clinic's QuickBooks connection and sync settings, what has been
 * pushed, what waits, and every push that failed with QuickBooks' reason.
 */
public class QuickBooksStatusOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = QuickBooksStatusParameters.declare(OperationDefinitions
            .operation("quickbooks-status", "QuickBooks sync status",
                    "The clinic's QuickBooks Online connection, its sync settings, how many customers, invoices "
                            + "and payments have been pushed or wait, and each failed push with QuickBooks' reason.")
            .system()).build();

    private final BillingClinic clinics;
    private final QuickBooksSync sync;
    private final JdbcTemplate jdbc;

    public QuickBooksStatusOperation(BillingClinic clinics, QuickBooksSync sync, JdbcTemplate jdbc) {
        this.clinics = clinics;
        this.sync = sync;
        this.jdbc = jdbc;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ),
                RoleNeed.of(ClinicModules.BILLING, StaffAction.VIEW));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$quickbooks-status", idempotent = true)
    public Parameters status(RequestDetails request) {
        Tenant clinic = clinics.of(request);
        return QuickBooksStatusParameters.of(jdbc, clinic.id(), sync.settings(clinic.id()), sync.summary(clinic.id()));
    }
}
