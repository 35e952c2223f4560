package health.cura.fhir.billing;

import health.cura.conformance.CuraCanonical;
import health.cura.fhir.mapping.BusinessNumbers;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.NumberKind;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.billing.ClaimMapper;
import health.cura.mappings.billing.ClaimRow;
import java.util.List;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Claim → the claim columns of {@code claims}, for the clinic's own claims (its provider is the clinic); another
 * provider's claim is FHIR only. A Claim without a claim number gets the clinic's next {@code CLM-}
 * one. Its status sets the row's only until the insurer has decided: from then on the row's status is the decision,
 * which the ClaimResponse of {@code Claim/{id}/$record-outcome} writes. A claim is kept for the clinic's accounts:
 * only a pending one (a draft) is deleted.
 */
public class ClaimProjection implements ResourceProjection {

    private final LinkedRows rows;
    private final ResourceLinks links;
    private final BusinessNumbers numbers;
    private final ClinicBilling billing;
    private final JdbcTemplate jdbc;

    public ClaimProjection(LinkedRows rows, ResourceLinks links, BusinessNumbers numbers, ClinicBilling billing,
            JdbcTemplate jdbc) {
        this.rows = rows;
        this.links = links;
        this.numbers = numbers;
        this.billing = billing;
        this.jdbc = jdbc;
    }

    @Override
    public String resourceType() {
        return "Claim";
    }

    @Override
    public void prepare(IBaseResource resource, IBaseResource previous, ProjectionContext context) {
        Claim claim = (Claim) resource;
        numbers.assignIfMissing(claim.getIdentifier(), previous == null ? List.of()
                        : ((Claim) previous).getIdentifier(), CuraCanonical.claimNumberSystem(context.tenant().subdomain()),
                Identifier.IdentifierUse.OFFICIAL, context.organizationId(), NumberKind.CLAIM);
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        Claim claim = (Claim) resource;
        int organizationId = context.organizationId();
        String resourceId = claim.getIdElement().getIdPart();
        OptionalInt linked = links.rowId(organizationId, "Claim", resourceId);
        if (!isTheClinics(claim, context)) {
            if (linked.isPresent()) {
                throw new UnmappableResourceException("Claim.provider", "A claim of this clinic stays the clinic's: "
                        + "Claim.provider must remain the clinic");
            }
            // another provider's claim (a patient's history, as Synthea's records carry one per visit): FHIR only
            return;
        }
        ClaimRow row = ClaimMapper.toRow(claim, billing.terms(organizationId).currency(), context.mappingOf(claim));
        OptionalInt existing = linked;
        numbers.requireUnused(organizationId, NumberKind.CLAIM, row.claimNumber(), existing, "Claim.identifier");
        RowValues values = RowValues.of()
                .set("patient_id", row.patientId())
                .set("claim_number", row.claimNumber())
                .set("service_date", row.serviceDate())
                .set("submission_date", row.submissionDate())
                .set("amount", row.amount())
                .set("insurance_provider", row.insuranceProvider())
                .set("procedures", ClaimProceduresJson.write(row.procedures()));
        String current = existing.isEmpty() ? null : status(organizationId, existing.getAsInt());
        if (current == null || !ClaimRow.DECIDED.contains(current)) {
            values.set("status", row.status());
        } else if ("pending".equals(row.status())) {
            throw new UnmappableResourceException("Claim.status", "The insurer has decided on this claim ("
                    + current + "): it is no draft again");
        }
        rows.save(context, CuraTables.CLAIMS, "Claim", resourceId, existing, values);
    }

    /**
     * Whether a Claim is the clinic's own: its provider is the clinic, by its tenant identifier or as the clinic's
     * Organization.
     */
    private boolean isTheClinics(Claim claim, ProjectionContext context) {
        Reference provider = claim.getProvider();
        if (provider.hasIdentifier() && CuraCanonical.TENANT_IDENTIFIER_SYSTEM.equals(provider.getIdentifier()
                .getSystem()) && context.tenant().subdomain().equals(provider.getIdentifier().getValue())) {
            return true;
        }
        IIdType reference = provider.getReferenceElement();
        return "Organization".equals(reference.getResourceType()) && reference.hasIdPart()
                && links.resourceId(context.organizationId(), "organizations", context.organizationId(),
                        "Organization").filter(reference.getIdPart()::equals).isPresent();
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        Claim claim = (Claim) resource;
        if (links.rowId(context.organizationId(), "Claim", claim.getIdElement().getIdPart()).isPresent()
                && claim.getStatus() != Claim.ClaimStatus.DRAFT) {
            throw new UnmappableResourceException("Claim", "A submitted claim is not deleted: it stays in the "
                    + "clinic's accounts; record the insurer's answer with Claim/{id}/$record-outcome");
        }
        rows.delete(context, CuraTables.CLAIMS, "Claim", claim.getIdElement().getIdPart());
    }

    private String status(int organizationId, int rowId) {
        return jdbc.queryForList("SELECT status FROM claims WHERE organization_id = ? AND id = ?", String.class,
                organizationId, rowId).stream().findFirst().orElse(null);
    }
}
