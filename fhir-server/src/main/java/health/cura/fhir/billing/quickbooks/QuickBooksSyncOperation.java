package health.cura.fhir.billing.quickbooks;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.billing.BillingClinic;
import health.cura.fhir.billing.BillingOutcomes;
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
 * {@code POST /fhir/{clinic}/$quickbooks-sync}: pushes to QuickBooks now what the clinic's settings say and has not
 * gone yet, failed pushes included, and answers where the sync stands ({@code $quickbooks-status}'s answer).
 */
public class QuickBooksSyncOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = QuickBooksStatusParameters.declare(OperationDefinitions
            .operation("quickbooks-sync", "Sync with QuickBooks now",
                    "Pushes the clinic's issued invoices, completed payments and the customers they need to its "
                            + "QuickBooks Online company, trying failed pushes again; answers the sync's status.")
            .system()
            .changesState()).build();

    private final BillingClinic clinics;
    private final QuickBooksSync sync;
    private final QuickBooksAccess access;
    private final JdbcTemplate jdbc;

    public QuickBooksSyncOperation(BillingClinic clinics, QuickBooksSync sync, QuickBooksAccess access,
            JdbcTemplate jdbc) {
        this.clinics = clinics;
        this.sync = sync;
        this.access = access;
        this.jdbc = jdbc;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ,
                Interaction.UPDATE), RoleNeed.of(ClinicModules.BILLING, StaffAction.EDIT));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$quickbooks-sync", idempotent = false)
    public Parameters syncNow(RequestDetails request) {
        Tenant clinic = clinics.of(request);
        if (access.company(clinic.id()).isEmpty()) {
            throw BillingOutcomes.refused("quickbooks", "The clinic is not connected to QuickBooks: connect it with "
                    + "$quickbooks-connect first");
        }
        QuickBooksSync.Summary summary = sync.sync(clinic.id(), true);
        return QuickBooksStatusParameters.of(jdbc, clinic.id(), sync.settings(clinic.id()), summary);
    }
}
