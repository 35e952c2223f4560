package health.cura.fhir.billing;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.cura.fhir.tables.ResourceLinks;
import java.math.BigDecimal;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the billing operations change records: in one transaction, through HAPI's DAOs with the caller's own request
 * (so that the caller's scopes, role, validation, projection into the tables and audit all apply, as to any write),
 * marked as a billing operation's. The invoice's row is locked first, so that two payments of one invoice, or a
 * payment and a refund, happen one after the other.
 */
public class BillingWrites {

    /** The request mark of a billing operation's writes (for {@link health.cura.fhir.mapping.ProjectionContext}). */
    static final String OPERATION = BillingWrites.class.getName() + ".operation";

    private final DaoRegistry daos;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final ResourceLinks links;

    public BillingWrites(DaoRegistry daos, PlatformTransactionManager transactions, JdbcTemplate jdbc,
            ResourceLinks links) {
        this.daos = daos;
        this.transactions = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.links = links;
    }

    /** Whether a write is one of the billing operations' (the only writers of payments). */
    static boolean isBillingOperation(RequestDetails request) {
        return request != null && Boolean.TRUE.equals(request.getUserData().get(OPERATION));
    }

    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    /** The invoice the operation is called on, read as the caller (404 when the clinic has none). */
    public Invoice invoice(IIdType id, RequestDetails request) {
        return read(Invoice.class, id.getIdPart(), request);
    }

    /**
     * Locks the invoice's row for the rest of the transaction and says what it holds now; an invoice without a row
     * (written before billing was mapped, or by nothing the server projected) cannot take payments.
     */
    public LockedInvoice lock(int organizationId, String invoiceId) {
        OptionalInt row = links.rowId(organizationId, "Invoice", invoiceId);
        if (row.isEmpty()) {
            throw new UnprocessableEntityException("Invoice/" + invoiceId + " has no row in the clinic's invoices");
        }
        return jdbc.query("""
                SELECT id, status, total_amount, patient_id, invoice_number FROM invoices
                WHERE organization_id = ? AND id = ? FOR UPDATE""", (rs, n) -> new LockedInvoice(rs.getInt(1),
                rs.getString(2), rs.getBigDecimal(3).setScale(2), rs.getString(4), rs.getString(5)), organizationId,
                row.getAsInt())
                .stream().findFirst().orElseThrow(() -> new ResourceNotFoundException("Invoice/" + invoiceId));
    }

    /** As {@link #lock}, 404 when the clinic has no such invoice (another clinic's is no invoice of this one). */
    public LockedInvoice lockOrNotFound(int organizationId, String invoiceId) {
        if (links.rowId(organizationId, "Invoice", invoiceId).isEmpty()) {
            throw new ResourceNotFoundException(new IdType("Invoice", invoiceId));
        }
        return lock(organizationId, invoiceId);
    }

    /**
     * Locks the row of a resource of the clinic (an appointment, a consultation) for the rest of the transaction;
     * nothing when the resource has no row.
     */
    public void lockRowOf(int organizationId, String resourceType, String resourceId, String table) {
        links.rowId(organizationId, resourceType, resourceId).ifPresent(row -> jdbc.queryForList(
                "SELECT id FROM " + health.cura.fhir.tables.CuraTables.named(table).orElseThrow().name()
                        + " WHERE organization_id = ? AND id = ? FOR UPDATE", Integer.class, organizationId, row));
    }

    /** Holds a lock on a key of the clinic (an invoice's source) until the transaction ends. */
    public void lockKey(int organizationId, String key) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", Object.class, organizationId, key);
    }

    /** As {@link #create}, marked as well with {@code mark} for the projection. */
    public String create(IBaseResource resource, RequestDetails request, String mark) {
        request.getUserData().put(mark, Boolean.TRUE);
        try {
            return create(resource, request);
        } finally {
            request.getUserData().remove(mark);
        }
    }

    public String create(IBaseResource resource, RequestDetails request) {
        mark(request);
        return untyped(resource).create(resource, request).getId().getIdPart();
    }

    public void update(IBaseResource resource, RequestDetails request) {
        mark(request);
        untyped(resource).update(resource, request);
    }

    /** As {@link #update}, marked as well with {@code mark} for the projection. */
    public void update(IBaseResource resource, RequestDetails request, String mark) {
        request.getUserData().put(mark, Boolean.TRUE);
        try {
            update(resource, request);
        } finally {
            request.getUserData().remove(mark);
        }
    }

    /** As the caller may read it: 404 for none, and for one what the caller may see leaves out. */
    public <T extends IBaseResource> T read(Class<T> type, String id, RequestDetails request) {
        IdType address = new IdType(daos.getFhirContext().getResourceType(type), id);
        T read = daos.getResourceDao(type).read(address, request);
        if (read == null) {
            throw new ResourceNotFoundException(address);
        }
        return read;
    }

    private static void mark(RequestDetails request) {
        request.getUserData().put(OPERATION, Boolean.TRUE);
    }

    @SuppressWarnings("unchecked")
    private IFhirResourceDao<IBaseResource> untyped(IBaseResource resource) {
        return (IFhirResourceDao<IBaseResource>) daos.getResourceDao(resource);
    }

    /** An invoice row as it is while locked. */
    public record LockedInvoice(int rowId, String status, BigDecimal total, String patientNumber, String number) {}
}
