package health.cura.fhir.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    private final ResourceLinks links;
    private final CapturedWrites writes;
    private final RowDependencies dependencies;
    private final ClinicBilling billing;
    private final ClaimRows rows;

    public ClaimCapture(JdbcTemplate jdbc, ResourceLinks links, CapturedWrites writes, RowDependencies dependencies,
            ClinicBilling billing, ObjectMapper json) {
        this.links = links;
        this.writes = writes;
        this.dependencies = dependencies;
        this.billing = billing;
        this.rows = new ClaimRows(jdbc, json);
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
        Optional<ClaimRow> read = rows.read(clinic, changed.rowId());
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
}
