package health.cura.fhir.mapping.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.RowWriter;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.consent.ConsentMapper;
import health.cura.mappings.consent.ConsentRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.stereotype.Component;

/**
 * Consent → {@code gdpr_consents}. The moment a consent becomes withdrawn is recorded in {@code withdrawn_at} (once);
 * a FHIR delete withdraws it, since the GDPR record of what was consented must outlive the resource.
 */
@Component
public class ConsentProjection implements ResourceProjection {

    static final String TABLE = "gdpr_consents";
    private static final String COLUMNS = "patient_id, consent_type, status, granted_at, expires_at, purpose, "
            + "legal_basis, data_categories";
    private static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?::jsonb";

    private final RowWriter rows;
    private final ResourceLinks links;
    private final ObjectMapper json;

    public ConsentProjection(RowWriter rows, ResourceLinks links, ObjectMapper json) {
        this.rows = rows;
        this.links = links;
        this.json = json;
    }

    @Override
    public String resourceType() {
        return "Consent";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        ConsentRow row = ConsentMapper.toRow((Consent) resource, context.mappingOf(resource));
        int organizationId = context.organizationId();
        links.save(organizationId, TABLE, "Consent", resourceId, links.rowId(organizationId, "Consent", resourceId),
                id -> rows.update("UPDATE gdpr_consents SET (" + COLUMNS + ", updated_at) = (" + VALUES + ", now()),"
                        + " withdrawn_at = CASE WHEN ? = 'withdrawn' THEN COALESCE(withdrawn_at, now())"
                        + " ELSE withdrawn_at END WHERE organization_id = ? AND id = ?", statement -> {
                            bind(statement, row);
                            statement.setString(9, row.status());
                            statement.setInt(10, organizationId);
                            statement.setInt(11, id);
                        }),
                () -> rows.insert("INSERT INTO gdpr_consents (" + COLUMNS + ", withdrawn_at, organization_id)"
                        + " VALUES (" + VALUES + ", CASE WHEN ? = 'withdrawn' THEN now() END, ?)", statement -> {
                            bind(statement, row);
                            statement.setString(9, row.status());
                            statement.setInt(10, organizationId);
                        }));
    }

    private void bind(PreparedStatement statement, ConsentRow row) throws SQLException {
        statement.setInt(1, row.patientId());
        statement.setString(2, row.consentType());
        statement.setString(3, row.status());
        statement.setObject(4, row.grantedAt());
        statement.setObject(5, row.expiresAt());
        statement.setString(6, row.purpose());
        statement.setString(7, row.legalBasis());
        try {
            statement.setString(8, json.writeValueAsString(row.dataCategories()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write gdpr_consents.data_categories", e);
        }
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        links.rowId(context.organizationId(), "Consent", resourceId).ifPresent(id -> rows.update(
                "UPDATE gdpr_consents SET status = 'withdrawn', withdrawn_at = COALESCE(withdrawn_at, now()),"
                        + " updated_at = now() WHERE organization_id = ? AND id = ?", statement -> {
                    statement.setInt(1, context.organizationId());
                    statement.setInt(2, id);
                }));
    }
}
