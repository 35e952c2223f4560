package health.cura.fhir.billing;

import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.billing.ClaimMapper;
import health.cura.mappings.billing.ClaimOutcome;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;

/**
 * ClaimResponse → the outcome columns of its claim's row ({@code status}, {@code payment_amount},
 * {@code payment_date}, {@code denial_reason}). Only {@code Claim/{id}/$record-outcome} writes the ClaimResponse of
 * a claim of the clinic (any other write gets 405), since it records the insurer's payment on the invoice with it; a
 * response to another provider's claim is FHIR only.
 */
public class ClaimResponseProjection implements ResourceProjection {

    private final LinkedRows rows;
    private final ResourceLinks links;
    private final ClinicBilling billing;

    public ClaimResponseProjection(LinkedRows rows, ResourceLinks links, ClinicBilling billing) {
        this.rows = rows;
        this.links = links;
        this.billing = billing;
    }

    @Override
    public String resourceType() {
        return "ClaimResponse";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        ClaimResponse response = (ClaimResponse) resource;
        Optional<String> claim = claimOf(response, context);
        if (claim.isEmpty()) {
            // a decision on another provider's claim: FHIR only, like the claim
            return;
        }
        if (!context.requestMarked(BillingWrites.OPERATION)) {
            throw new MethodNotAllowedException("An insurer's decision on a claim of this clinic is recorded with "
                    + "Claim/{id}/$record-outcome, which records the insurer's payment with it");
        }
        String claimId = claim.get();
        ClaimOutcome outcome = ClaimMapper.outcome(response, billing.terms(context.organizationId()).currency());
        rows.set(context, CuraTables.CLAIMS, "Claim", claimId, RowValues.of()
                .set("status", outcome.status())
                .set("payment_amount", outcome.paymentAmount())
                .set("payment_date", outcome.paymentDate())
                .set("denial_reason", outcome.denialReason()));
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        if (claimOf((ClaimResponse) resource, context).isPresent()) {
            throw new UnmappableResourceException("ClaimResponse",
                    "An insurer's decision is not deleted: it stays in the clinic's accounts");
        }
    }

    /** The clinic's claim (one with a row) the response is to, if it is to one. */
    private Optional<String> claimOf(ClaimResponse response, ProjectionContext context) {
        IdType claim = response.getRequest().hasReference() ? new IdType(response.getRequest().getReference()) : null;
        if (claim == null || !"Claim".equals(claim.getResourceType()) || !claim.hasIdPart()
                || links.rowId(context.organizationId(), "Claim", claim.getIdPart()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(claim.getIdPart());
    }
}
