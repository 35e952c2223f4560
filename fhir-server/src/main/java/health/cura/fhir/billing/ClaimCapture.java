package health.cura.fhir.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.RowApplier;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.capture.RowMapping;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.billing.ClaimMapper;
import health.cura.mappings.billing.ClaimOutcome;
import health.cura.mappings.billing.ClaimRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code claims} → a Claim and, once the row holds the insurer's decision, a ClaimResponse to it, for rows other
 * software wrote. The Claim is merged (owned elements from the row, its diagnoses and invoice kept); the ClaimResponse
 * follows the row's outcome, and goes when the row is back to pending or submitted. A claim deleted by SQL takes its
 * ClaimResponse with it.
 */
@Component
public class ClaimCapture implements RowApplier {

    private static final String TABLE = "claims";

    private final JdbcTemplate jdbc;
    private final ResourceLinks links;
    private final CapturedWrites writes;
    private final RowDependencies dependencies;
    private final ClinicBilling billing;
    private final ClaimProceduresJson procedures;

    public ClaimCapture(JdbcTemplate jdbc, ResourceLinks links, CapturedWrites writes, RowDependencies dependencies,
            ClinicBilling billing, ObjectMapper json) {
        this.jdbc = jdbc;
        this.links = links;
        this.writes = writes;
        this.dependencies = dependencies;
        this.billing = billing;
        this.procedures = new ClaimProceduresJson(json);
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public void apply(CapturedRow changed) {
        int clinic = changed.organizationId();
        Optional<String> linked = links.resourceId(clinic, TABLE, changed.rowId(), "Claim");
        List<ClaimResponse> storedResponses = linked.map(id -> writes.referring(changed, ClaimResponse.class,
                "request", "Claim/" + id)).orElse(List.of());
        Optional<ClaimRow> read = read(clinic, changed.rowId());
        if (read.isEmpty()) {
            linked.ifPresent(id -> {
                storedResponses.forEach(r -> writes.delete(changed, "ClaimResponse", r.getIdElement().getIdPart()));
                writes.delete(changed, "Claim", id);
                links.unlinkResource(clinic, "Claim", id);
            });
            return;
        }
        ClaimRow row = read.get();
        ResolvedLinks.Builder resolved = ResolvedLinks.builder();
        dependencies.link(changed, resolved, "claims.patient_id", "patients", row.patientId(), "Patient");
        MappingContext context = new MappingContext(clinic, changed.subdomain(), resolved.build());
        String currency = billing.terms(clinic).currency();
        Claim fromRow = RowMapping.of(TABLE, "Claim", () -> ClaimMapper.toFhir(row, currency, context));
        String claimId;
        if (linked.isEmpty()) {
            claimId = writes.create(changed, fromRow);
            links.link(clinic, TABLE, changed.rowId(), "Claim", claimId);
        } else {
            claimId = linked.get();
            Optional<Claim> stored = writes.read(changed, Claim.class, claimId);
            if (stored.isEmpty() || !saysClaim(stored.get(), row, currency, context)) {
                Claim merged = stored.map(previous -> ClaimMapper.owned(context).merge(previous, fromRow))
                        .orElse(fromRow);
                writes.updateAsRead(changed, merged, claimId, stored);
            }
        }
        Optional<ClaimResponse> decision = ClaimMapper.toFhirResponse(row, new Reference("Claim/" + claimId),
                currency, context);
        if (decision.isEmpty()) {
            storedResponses.forEach(r -> writes.delete(changed, "ClaimResponse", r.getIdElement().getIdPart()));
            return;
        }
        if (storedResponses.isEmpty()) {
            writes.create(changed, decision.get());
            return;
        }
        ClaimResponse current = storedResponses.get(0);
        if (!saysOutcome(current, row.outcome(), currency)) {
            ClaimResponse merged = ClaimMapper.ownedResponse().merge(current, decision.get());
            merged.setId(current.getIdElement().getIdPart());
            writes.update(changed, merged);
        }
    }

    /** Whether the stored Claim already holds the row's claim columns (its status as a Claim can say it). */
    private static boolean saysClaim(Claim stored, ClaimRow row, String currency, MappingContext context) {
        try {
            ClaimRow written = ClaimMapper.toRow(stored, currency, context);
            String asClaim = "pending".equals(row.status()) ? "pending" : "submitted";
            return Objects.equals(written, new ClaimRow(row.patientId(), row.claimNumber(), row.serviceDate(),
                    row.submissionDate(), row.amount(), asClaim, null, null, null, row.insuranceProvider(),
                    row.procedures()));
        } catch (UnmappableResourceException | IllegalArgumentException | NoSuchElementException e) {
            return false;
        }
    }

    private static boolean saysOutcome(ClaimResponse stored, ClaimOutcome outcome, String currency) {
        try {
            return Objects.equals(ClaimMapper.outcome(stored, currency), outcome);
        } catch (UnmappableResourceException | IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<ClaimRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT patient_id, claim_number, service_date, submission_date, amount, status, payment_amount,
                       payment_date, denial_reason, insurance_provider, procedures::text
                FROM claims WHERE organization_id = ? AND id = ?""", this::row, organizationId, rowId)
                .stream().findFirst();
    }

    private ClaimRow row(ResultSet rs, int n) throws SQLException {
        String status = rs.getString(6);
        if (status == null || !CuraEnums.CLAIM_STATUS.contains(status)) {
            throw new UnmappableResourceException("claims.status", "claims.status '" + status
                    + "' is not one of the documented values");
        }
        BigDecimal amount = rs.getBigDecimal(5);
        if (amount == null || amount.signum() <= 0) {
            throw new UnmappableResourceException("claims.amount", "claims.amount must be above zero");
        }
        BigDecimal paid = rs.getBigDecimal(7);
        Timestamp paidAt = rs.getTimestamp(8);
        return new ClaimRow(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime(),
                rs.getTimestamp(4).toLocalDateTime(), money(amount), status,
                paid == null ? null : money(paid), paid == null || paidAt == null ? null : paidAt.toLocalDateTime(),
                "denied".equals(status) ? rs.getString(9) : null, rs.getString(10), procedures.read(rs.getString(11)));
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
