package health.cura.fhir.billing;

import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.ResourceRowCapture;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.billing.PaymentMapper;
import health.cura.mappings.billing.PaymentRow;
import health.cura.mappings.billing.Pence;
import java.util.Optional;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code payments} → PaymentReconciliation, for payments other software recorded; the invoice comes first. */
@Component
public class PaymentCapture extends ResourceRowCapture<PaymentRow, PaymentReconciliation> {

    private final JdbcTemplate jdbc;

    public PaymentCapture(JdbcTemplate jdbc, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies) {
        super("payments", PaymentReconciliation.class, links, writes, dependencies);
        this.jdbc = jdbc;
    }

    @Override
    protected Optional<PaymentRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT invoice_id, transaction_id, amount, currency, payment_method, payment_provider, payment_status,
                       payment_date, metadata ->> 'reason'
                FROM payments WHERE organization_id = ? AND id = ?""", (rs, n) -> new PaymentRow(rs.getInt(1),
                rs.getString(2), Pence.rounded(rs.getBigDecimal(3)), rs.getString(4),
                documented(rs.getString(5), CuraEnums.PAYMENT_METHOD, "payments.payment_method"), rs.getString(6),
                documented(rs.getString(7), CuraEnums.PAYMENT_STATUS, "payments.payment_status"),
                rs.getTimestamp(8).toLocalDateTime(), rs.getString(9)), organizationId, rowId).stream().findFirst();
    }

    @Override
    protected void resolve(CapturedRow changed, PaymentRow row, ResolvedLinks.Builder resolved) {
        dependencies.link(changed, resolved, "payments.invoice_id", "invoices", row.invoiceId(), "Invoice");
    }

    @Override
    protected PaymentReconciliation toFhir(PaymentRow row, MappingContext context) {
        return PaymentMapper.toFhir(row, context);
    }

    @Override
    protected PaymentRow toRow(PaymentReconciliation stored, MappingContext context) {
        return PaymentMapper.toRow(stored, context);
    }

    @Override
    protected PaymentReconciliation merge(PaymentReconciliation stored, PaymentReconciliation fromRow, PaymentRow row,
            MappingContext context) {
        return PaymentMapper.owned(context).merge(stored, fromRow);
    }
}
