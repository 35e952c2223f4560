package health.cura.fhir.billing.quickbooks;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.conformance.terminology.CuraEnums;
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
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /fhir/{clinic}/$quickbooks-configure}: the clinic's {@code quickbooks_sync_configs}: what is pushed and
 * whether the server syncs by itself, how often. A parameter left out keeps its value; answers the sync's status.
 */
public class QuickBooksConfigureOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = QuickBooksStatusParameters.declare(OperationDefinitions
            .operation("quickbooks-configure", "Configure the QuickBooks sync",
                    "Sets what the clinic pushes to QuickBooks Online and whether and how often the server syncs "
                            + "by itself; a parameter left out keeps its value.")
            .system()
            .changesState()
            .in("syncInvoices", "boolean", 0, "1", "push issued invoices")
            .in("syncPayments", "boolean", 0, "1", "push completed payments (with invoices only)")
            .in("syncCustomers", "boolean", 0, "1", "create the patients billed as customers (else find them)")
            .in("syncItems", "boolean", 0, "1", "recorded as set; items are not synced yet")
            .in("autoSync", "boolean", 0, "1", "sync by itself at the frequency")
            .in("syncFrequency", "code", 0, "1", "manual | hourly | daily | weekly")).build();

    private final BillingClinic clinics;
    private final QuickBooksSync sync;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public QuickBooksConfigureOperation(BillingClinic clinics, QuickBooksSync sync, JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        this.clinics = clinics;
        this.sync = sync;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ),
                RoleNeed.of(ClinicModules.SETTINGS, StaffAction.EDIT));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$quickbooks-configure", idempotent = false)
    public Parameters configure(
            @OperationParam(name = "syncInvoices") BooleanType invoices,
            @OperationParam(name = "syncPayments") BooleanType payments,
            @OperationParam(name = "syncCustomers") BooleanType customers,
            @OperationParam(name = "syncItems") BooleanType items,
            @OperationParam(name = "autoSync") BooleanType auto,
            @OperationParam(name = "syncFrequency") CodeType frequency,
            RequestDetails request) {
        Tenant clinic = clinics.of(request);
        String often = frequency == null ? null : frequency.getValue();
        if (often != null && !CuraEnums.QUICKBOOKS_SYNC_FREQUENCY.contains(often)) {
            throw BillingOutcomes.badParameter("syncFrequency", "syncFrequency must be one of manual, hourly, daily, "
                    + "weekly");
        }
        transactions.executeWithoutResult(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('quickbooks_sync_configs'), ?)", clinic.id());
            QuickBooksSync.Settings now = sync.settings(clinic.id());
            QuickBooksSync.Settings next = new QuickBooksSync.Settings(value(invoices, now.invoices()),
                    value(payments, now.payments()), value(customers, now.customers()), value(items, now.items()),
                    value(auto, now.auto()), often == null ? now.frequency() : often);
            int updated = jdbc.update("""
                    UPDATE quickbooks_sync_configs SET sync_invoices = ?, sync_payments = ?, sync_customers = ?,
                        sync_items = ?, auto_sync = ?, sync_frequency = ?, updated_at = now()
                    WHERE id = (SELECT max(id) FROM quickbooks_sync_configs WHERE organization_id = ?)""",
                    next.invoices(), next.payments(), next.customers(), next.items(), next.auto(), next.frequency(),
                    clinic.id());
            if (updated == 0) {
                jdbc.update("""
                        INSERT INTO quickbooks_sync_configs (organization_id, sync_invoices, sync_payments,
                            sync_customers, sync_items, auto_sync, sync_frequency)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""", clinic.id(), next.invoices(), next.payments(),
                        next.customers(), next.items(), next.auto(), next.frequency());
            }
        });
        return QuickBooksStatusParameters.of(jdbc, clinic.id(), sync.settings(clinic.id()), sync.summary(clinic.id()));
    }

    private static boolean value(BooleanType given, boolean otherwise) {
        return given == null || given.getValue() == null ? otherwise : given.getValue();
    }
}
