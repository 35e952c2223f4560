package health.cura.fhir.billing.quickbooks;

import health.cura.fhir.operations.OperationDefinitions;
import java.sql.Timestamp;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;

/** The answer of {@code $quickbooks-status} and {@code $quickbooks-sync}: the connection, its settings, the outbox. */
final class QuickBooksStatusParameters {

    private QuickBooksStatusParameters() {}

    static OperationDefinitions declare(OperationDefinitions definition) {
        return definition
                .out("connected", "boolean", 1, "1", "whether the clinic has an active QuickBooks connection")
                .out("companyName", "string", 0, "1", "the QuickBooks company")
                .out("realmId", "string", 0, "1", "its QuickBooks company id")
                .out("lastSync", "instant", 0, "1", "when the clinic last synced")
                .out("syncInvoices", "boolean", 1, "1", "whether issued invoices are pushed")
                .out("syncPayments", "boolean", 1, "1", "whether completed payments are pushed")
                .out("syncCustomers", "boolean", 1, "1", "whether patients billed are created as customers")
                .out("autoSync", "boolean", 1, "1", "whether the server syncs by itself")
                .out("syncFrequency", "code", 1, "1", "manual | hourly | daily | weekly")
                .out("sent", "integer", 1, "1", "customers, invoices and payments QuickBooks has")
                .out("pending", "integer", 1, "1", "those waiting to be pushed (or pushed again)")
                .out("failed", "integer", 1, "1", "those that failed every try (a sync tries them again)")
                .out("failure", null, 0, "*", "each push that failed, with QuickBooks' words")
                .part("kind", "code", 1, "1", "customer | invoice | credit | payment | refund")
                .part("reference", "string", 0, "1",
                        "the patient number, invoice (or credit note) number, or transaction id")
                .part("attempts", "integer", 1, "1", "tries so far")
                .part("status", "code", 1, "1", "pending (tried again later) | failed")
                .part("error", "string", 1, "1", "why the last try failed");
    }

    static Parameters of(JdbcTemplate jdbc, int organizationId, QuickBooksSync.Settings settings,
            QuickBooksSync.Summary summary) {
        Parameters out = new Parameters();
        var connection = jdbc.queryForList("""
                SELECT realm_id, company_name, last_sync_at FROM quickbooks_connections
                WHERE organization_id = ? AND is_active ORDER BY updated_at DESC, id DESC LIMIT 1""", organizationId);
        out.addParameter().setName("connected").setValue(new BooleanType(!connection.isEmpty()));
        if (!connection.isEmpty()) {
            var row = connection.get(0);
            if (row.get("company_name") != null) {
                out.addParameter().setName("companyName").setValue(new StringType((String) row.get("company_name")));
            }
            out.addParameter().setName("realmId").setValue(new StringType((String) row.get("realm_id")));
            if (row.get("last_sync_at") instanceof Timestamp last) {
                out.addParameter().setName("lastSync").setValue(new InstantType(java.util.Date.from(
                        last.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC))));
            }
        }
        out.addParameter().setName("syncInvoices").setValue(new BooleanType(settings.invoices()));
        out.addParameter().setName("syncPayments").setValue(new BooleanType(settings.payments()));
        out.addParameter().setName("syncCustomers").setValue(new BooleanType(settings.customers()));
        out.addParameter().setName("autoSync").setValue(new BooleanType(settings.auto()));
        out.addParameter().setName("syncFrequency").setValue(new CodeType(settings.frequency()));
        out.addParameter().setName("sent").setValue(new IntegerType(summary.sent()));
        out.addParameter().setName("pending").setValue(new IntegerType(summary.pending()));
        out.addParameter().setName("failed").setValue(new IntegerType(summary.failed()));
        for (QuickBooksSync.Failure failure : summary.failures()) {
            Parameters.ParametersParameterComponent part = out.addParameter().setName("failure");
            part.addPart().setName("kind").setValue(new CodeType(failure.kind()));
            if (failure.reference() != null) {
                part.addPart().setName("reference").setValue(new StringType(failure.reference()));
            }
            part.addPart().setName("attempts").setValue(new IntegerType(failure.attempts()));
            part.addPart().setName("status").setValue(new CodeType(failure.status()));
            part.addPart().setName("error").setValue(new StringType(failure.error()));
        }
        return out;
    }
}
