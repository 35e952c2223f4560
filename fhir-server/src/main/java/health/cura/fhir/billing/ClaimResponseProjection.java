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
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;

/**
 * ClaimResponse → the outcome columns of its claim's row ({@code status}, {@code payment_amount},
 * {@code payment_date}, {@code denial_reason}). Only {@code Claim/{id}/$record-outcome} writes ClaimResponses
 * ({@link OperationOnlyWrites}), since it records the insurer's payment on the invoice with them.
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
        String claimId = claimOf(response, context);
        ClaimOutcome outcome = ClaimMapper.outcome(response, billing.terms(context.organizationId()).currency());
        rows.set(context, CuraTables.CLAIMS, "Claim", claimId, RowValues.of()
                .set("status", outcome.status())
                .set("payment_amount", outcome.paymentAmount())
                .set("payment_date", outcome.paymentDate())
                .set("denial_reason", outcome.denialReason()));
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        throw new UnmappableResourceException("ClaimResponse",
                "An insurer's decision is not deleted: it stays in the clinic's accounts");
    }

    private String claimOf(ClaimResponse response, ProjectionContext context) {
        IdType claim = response.getRequest().hasReference() ? new IdType(response.getRequest().getReference()) : null;
        if (claim == null || !"Claim".equals(claim.getResourceType()) || !claim.hasIdPart()
                || links.rowId(context.organizationId(), "Claim", claim.getIdPart()).isEmpty()) {
            throw new UnmappableResourceException("ClaimResponse.request",
                    "ClaimResponse.request must reference a Claim of this clinic");
        }
        return claim.getIdPart();
    }
}
