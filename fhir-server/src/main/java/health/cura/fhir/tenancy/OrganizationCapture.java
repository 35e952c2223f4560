package health.cura.fhir.tenancy;

import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.ResourceRowCapture;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.organization.OrganizationMapper;
import health.cura.mappings.organization.OrganizationRow;
import java.util.Optional;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code organizations} → the clinic's own Organization, when other software renames a clinic, changes its email or
 * brand, or suspends it. A clinic another program created becomes a tenant (with its Organization) before its first
 * change is applied ({@link CapturedClinics}); its subdomain, being the tenant's name in every URL, is read but a
 * change of it renames no partition.
 */
@Component
public class OrganizationCapture extends ResourceRowCapture<OrganizationRow, Organization> {

    private final JdbcTemplate jdbc;

    public OrganizationCapture(JdbcTemplate jdbc, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies) {
        super("organizations", Organization.class, links, writes, dependencies);
        this.jdbc = jdbc;
    }

    @Override
    public boolean ignoresRowsOutsideClinics() {
        // the platform's own row (id 0) is no clinic
        return true;
    }

    @Override
    protected Optional<OrganizationRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT id, name, subdomain, email, region, brand_name, subscription_status
                FROM organizations WHERE id = ? AND id = ?""", (rs, n) -> new OrganizationRow(rs.getInt(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7)), organizationId, rowId).stream().findFirst();
    }

    @Override
    protected void resolve(CapturedRow changed, OrganizationRow row, ResolvedLinks.Builder resolved) {}

    @Override
    protected Organization toFhir(OrganizationRow row, MappingContext context) {
        return OrganizationMapper.toFhir(row);
    }

    @Override
    protected OrganizationRow toRow(Organization stored, MappingContext context) {
        return null;
    }

    @Override
    protected Organization merge(Organization stored, Organization fromRow, OrganizationRow row,
            MappingContext context) {
        return OrganizationMapper.OWNED.merge(stored, fromRow);
    }
}
