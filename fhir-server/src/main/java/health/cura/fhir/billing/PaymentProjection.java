package health.cura.fhir.billing;

import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.billing.PaymentMapper;
import health.cura.mappings.billing.PaymentRow;
import java.util.Map;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * PaymentReconciliation → {@code payments}. Only the billing operations write payments ({@link OperationOnlyWrites}):
 * the row takes the invoice's patient number, and the invoice's currency must be the clinic's.
 */
@Component
public class PaymentProjection implements ResourceProjection {

    private final LinkedRows rows;
    private final ResourceLinks links;
    private final ClinicBilling billing;
    private final JdbcTemplate jdbc;

    public PaymentProjection(LinkedRows rows, ResourceLinks links, ClinicBilling billing, JdbcTemplate jdbc) {
        this.rows = rows;
        this.links = links;
        this.billing = billing;
        this.jdbc = jdbc;
    }

    @Override
    public String resourceType() {
        return "PaymentReconciliation";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        PaymentReconciliation payment = (PaymentReconciliation) resource;
        int organizationId = context.organizationId();
        PaymentRow row = PaymentMapper.toRow(payment, context.mappingOf(payment));
        String currency = billing.terms(organizationId).currency();
        if (!currency.equals(row.currency())) {
            throw new UnmappableResourceException("PaymentReconciliation.paymentAmount.currency",
                    "This clinic takes payments in " + currency + ", not " + row.currency());
        }
        String patientNumber = jdbc.queryForList("SELECT patient_id FROM invoices WHERE organization_id = ? AND id = ?",
                String.class, organizationId, row.invoiceId()).stream().findFirst().orElseThrow(() ->
                        new UnmappableResourceException("PaymentReconciliation.detail.request",
                                "PaymentReconciliation.detail.request must reference an Invoice of this clinic"));
        String resourceId = payment.getIdElement().getIdPart();
        OptionalInt existing = links.rowId(organizationId, "PaymentReconciliation", resourceId);
        rows.save(context, CuraTables.PAYMENTS, "PaymentReconciliation", resourceId, existing, RowValues.of()
                .set("invoice_id", row.invoiceId())
                .set("patient_id", patientNumber)
                .set("transaction_id", row.transactionId())
                .set("amount", row.amount())
                .set("currency", row.currency())
                .set("payment_method", row.method())
                .set("payment_provider", row.provider())
                .set("payment_status", row.status())
                .set("payment_date", row.paymentDate())
                .set("metadata", row.reason() == null ? Map.of() : Map.of("reason", row.reason())));
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        throw new UnmappableResourceException("PaymentReconciliation",
                "A payment is not deleted: it stays in the clinic's accounts; refund it with Invoice/{id}/$refund");
    }
}
