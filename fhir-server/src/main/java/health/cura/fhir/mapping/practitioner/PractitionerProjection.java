package health.cura.fhir.mapping.practitioner;

import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.RowWriter;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.practitioner.PractitionerMapper;
import health.cura.mappings.practitioner.PractitionerRow;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Practitioner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Practitioner → {@code users}. A Practitioner that carries the staff username identifier of an existing account is
 * linked to that account; any other gets a new row that cannot sign in: its password hash is a marker no password
 * matches ({@value #NO_PASSWORD}) and its username is {@code fhir-} and the resource id. A FHIR delete deactivates the
 * row.
 */
@Component
public class PractitionerProjection implements ResourceProjection {

    /** Not a hash any password algorithm produces, so no password can match it. */
    public static final String NO_PASSWORD = "!fhir-created:no-password";
    static final String TABLE = "users";

    private final JdbcTemplate jdbc;
    private final RowWriter rows;
    private final ResourceLinks links;

    public PractitionerProjection(JdbcTemplate jdbc, RowWriter rows, ResourceLinks links) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.links = links;
    }

    @Override
    public String resourceType() {
        return "Practitioner";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        PractitionerRow row = PractitionerMapper.toRow((Practitioner) resource, context.mappingOf(resource));
        int organizationId = context.organizationId();
        OptionalInt existing = links.rowId(organizationId, "Practitioner", resourceId);
        if (existing.isEmpty() && row.username() != null) {
            existing = staffAccount(organizationId, row.username(), resourceId);
            if (existing.isPresent()) {
                links.link(organizationId, TABLE, existing.getAsInt(), "Practitioner", resourceId);
            }
        }
        if (existing.isPresent()) {
            jdbc.update("""
                    UPDATE users SET email = ?, first_name = ?, last_name = ?, is_active = ?,
                        username = COALESCE(?, username)
                    WHERE organization_id = ? AND id = ?""",
                    row.email(), row.firstName(), row.lastName(), row.active(), row.username(), organizationId,
                    existing.getAsInt());
            return;
        }
        String username = row.username() != null ? row.username() : "fhir-" + resourceId;
        int id = rows.insert("""
                INSERT INTO users (organization_id, email, username, password_hash, first_name, last_name, is_active)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", statement -> {
                    statement.setInt(1, organizationId);
                    statement.setString(2, row.email());
                    statement.setString(3, username);
                    statement.setString(4, NO_PASSWORD);
                    statement.setString(5, row.firstName());
                    statement.setString(6, row.lastName());
                    statement.setBoolean(7, row.active());
                });
        links.link(organizationId, TABLE, id, "Practitioner", resourceId);
    }

    /** The clinic's account with this username, unless another Practitioner already represents it. */
    private OptionalInt staffAccount(int organizationId, String username, String resourceId) {
        OptionalInt account = jdbc.query("SELECT id FROM users WHERE organization_id = ? AND username = ?",
                (rs, n) -> rs.getInt(1), organizationId, username).stream().mapToInt(Integer::intValue).findFirst();
        if (account.isPresent()
                && links.resourceId(organizationId, TABLE, account.getAsInt(), "Practitioner").isPresent()) {
            throw new UnmappableResourceException("Practitioner.identifier", "Practitioner.identifier: staff account '"
                    + username + "' is already represented by another Practitioner");
        }
        return account;
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        links.rowId(context.organizationId(), "Practitioner", resourceId).ifPresent(id -> jdbc.update(
                "UPDATE users SET is_active = false WHERE organization_id = ? AND id = ?", context.organizationId(), id));
    }
}
