package health.cura.fhir.mapping.consent;

import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.consent.ConsentMapper;
import health.cura.mappings.consent.ConsentRow;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.stereotype.Component;

/**
 * Consent → {@code gdpr_consents}. The moment a consent becomes withdrawn is recorded in {@code withdrawn_at} (once);
 * a FHIR delete withdraws it, since the GDPR record of what was consented must outlive the resource.
 */
@Component
public class ConsentProjection implements ResourceProjection {

    private static final String WITHDRAWN = "withdrawn";

    private final LinkedRows rows;

    public ConsentProjection(LinkedRows rows) {
        this.rows = rows;
    }

    @Override
    public String resourceType() {
        return "Consent";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        ConsentRow row = ConsentMapper.toRow((Consent) resource, context.mappingOf(resource));
        rows.save(context, CuraTables.GDPR_CONSENTS, "Consent", resourceId, values(row));
    }

    private static RowValues values(ConsentRow row) {
        RowValues values = RowValues.of()
                .set("patient_id", row.patientId())
                .set("consent_type", row.consentType())
                .set("status", row.status())
                .set("granted_at", row.grantedAt())
                .set("expires_at", row.expiresAt())
                .set("purpose", row.purpose())
                .set("legal_basis", row.legalBasis())
                .set("data_categories", row.dataCategories());
        return WITHDRAWN.equals(row.status()) ? values.setOnce("withdrawn_at", RowValues.NOW) : values;
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        rows.set(context, CuraTables.GDPR_CONSENTS, "Consent", resource.getIdElement().getIdPart(),
                RowValues.of().set("status", WITHDRAWN).setOnce("withdrawn_at", RowValues.NOW));
    }
}
