package health.cura.fhir.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.ResourceRowCapture;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.billing.InvoiceMapper;
import health.cura.mappings.billing.InvoiceRow;
import health.cura.mappings.billing.Pence;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.hl7.fhir.r4.model.Invoice;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code invoices} → Invoice, for rows other software wrote. The patient is found by the row's patient number; a row
 * whose number no patient of the clinic has cannot be an Invoice (its change is parked with that reason).
 */
@org.springframework.stereotype.Component
public class InvoiceCapture extends ResourceRowCapture<InvoiceCapture.Captured, Invoice> {

    /** The row and the patients row its patient number names. */
    record Captured(InvoiceRow row, int patientRowId) {}

    private final JdbcTemplate jdbc;
    private final ClinicBilling billing;
    private final InvoiceItemsJson items;

    public InvoiceCapture(JdbcTemplate jdbc, ResourceLinks links, CapturedWrites writes, RowDependencies dependencies,
            ClinicBilling billing, ObjectMapper json) {
        super("invoices", Invoice.class, links, writes, dependencies);
        this.jdbc = jdbc;
        this.billing = billing;
        this.items = new InvoiceItemsJson(json);
    }

    @Override
    protected Optional<Captured> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT i.invoice_number, i.patient_id, i.patient_name, i.nhs_number, i.date_of_service,
                       i.invoice_date, i.due_date, i.status, i.invoice_type, i.subtotal, i.tax, i.discount,
                       i.total_amount, i.paid_amount, i.items::text, i.notes,
                       (SELECT p.id FROM patients p WHERE p.organization_id = i.organization_id
                                                      AND p.patient_id = i.patient_id ORDER BY p.id LIMIT 1)
                FROM invoices i WHERE i.organization_id = ? AND i.id = ?""", this::row, organizationId, rowId)
                .stream().findFirst();
    }

    private Captured row(ResultSet rs, int n) throws SQLException {
        Integer patientRow = (Integer) rs.getObject(17);
        if (patientRow == null) {
            throw new UnmappableResourceException("invoices.patient_id", "invoices.patient_id '" + rs.getString(2)
                    + "' is the number of no patient of this clinic");
        }
        InvoiceRow row = new InvoiceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toLocalDateTime(), rs.getTimestamp(6).toLocalDateTime(),
                rs.getTimestamp(7).toLocalDateTime(),
                documented(rs.getString(8), CuraEnums.INVOICE_STATUS, "invoices.status"),
                documented(rs.getString(9), CuraEnums.INVOICE_TYPE, "invoices.invoice_type"),
                money(rs.getBigDecimal(10)), money(rs.getBigDecimal(11)), money(rs.getBigDecimal(12)),
                money(rs.getBigDecimal(13)), money(rs.getBigDecimal(14)), items.read(rs.getString(15)),
                rs.getString(16));
        return new Captured(row, patientRow);
    }

    private static BigDecimal money(BigDecimal amount) {
        return Pence.rounded(amount);
    }

    @Override
    protected void resolve(CapturedRow changed, Captured row, ResolvedLinks.Builder resolved) {
        dependencies.link(changed, resolved, "invoices.patient_id", "patients", row.patientRowId(), "Patient");
    }

    @Override
    protected Invoice toFhir(Captured row, MappingContext context) {
        return InvoiceMapper.toFhir(row.row(), row.patientRowId(), billing.terms(context.organizationId()).currency(),
                context);
    }

    /** The invoice's patient columns are filled from the patient, not the resource: compare merges instead. */
    @Override
    protected Captured toRow(Invoice stored, MappingContext context) {
        return null;
    }

    @Override
    protected Invoice merge(Invoice stored, Invoice fromRow, Captured row, MappingContext context) {
        return InvoiceMapper.owned(context).merge(stored, fromRow);
    }
}
