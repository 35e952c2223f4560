package health.cura.fhir.mapping.practitioner;

import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.fhir.tables.TableRows;
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
    private static final String TABLE = CuraTables.USERS.name();

    private final JdbcTemplate jdbc;
    private final TableRows rows;
    private final ResourceLinks links;

    public PractitionerProjection(JdbcTemplate jdbc, TableRows rows, ResourceLinks links) {
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
        RowValues values = RowValues.of()
                .set("email", row.email())
                .set("first_name", row.firstName())
                .set("last_name", row.lastName())
                .set("is_active", row.active());
        if (existing.isPresent()) {
            if (row.username() != null) {
                values.set("username", row.username());
            }
            rows.update(CuraTables.USERS, organizationId, existing.getAsInt(), values);
            return;
        }
        values.set("username", row.username() != null ? row.username() : "fhir-" + resourceId)
                .set("password_hash", NO_PASSWORD);
        int id = rows.insert(CuraTables.USERS, organizationId, values);
        links.link(organizationId, TABLE, id, "Practitioner", resourceId);
    }

    /** The clinic's account with this username, unless another Practitioner already represents it. */
    private OptionalInt staffAccount(int organizationId, String username, String resourceId) {
        OptionalInt account = jdbc.query("SELECT id FROM users WHERE organization_id = ? AND username = ?",
                (rs, n) -> rs.getInt(1), organizationId, username).stream().mapToInt(Integer::intValue).findFirst();
        if (account.isPresent()) {
            // the change applier may be bringing the same account into FHIR: one of the two links it, under its lock
            jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?), ?)", TABLE, account.getAsInt());
        }
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
        links.rowId(context.organizationId(), "Practitioner", resourceId).ifPresent(id -> rows.update(
                CuraTables.USERS, context.organizationId(), id, RowValues.of().set("is_active", false)));
    }
}
