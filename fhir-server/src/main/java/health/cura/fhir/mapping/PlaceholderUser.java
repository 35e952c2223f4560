package health.cura.fhir.mapping;

import health.cura.fhir.tables.ServerOrigin;
import java.util.OptionalInt;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@code users} row of a clinic that no person signs in as, made on first use where a NOT NULL user column needs a
 * value that no member of staff supplies: inactive, with no usable password, with no Practitioner, never published.
 */
public abstract class PlaceholderUser {

    private final JdbcTemplate jdbc;
    private final String username;
    private final String firstName;
    private final String lastName;
    private final String role;

    protected PlaceholderUser(JdbcTemplate jdbc, String username, String firstName, String lastName, String role) {
        this.jdbc = jdbc;
        this.username = username;
        this.firstName = firstName;
        this.lastName = lastName;
        this.role = role;
    }

    /** The clinic's row, if it has one. */
    public OptionalInt find(int organizationId) {
        return jdbc.queryForList("SELECT id FROM users WHERE organization_id = ? AND username = ? ORDER BY id",
                Integer.class, organizationId, username).stream().mapToInt(Integer::intValue).findFirst();
    }

    /** Whether {@code userRowId} is the clinic's row. */
    public boolean is(int organizationId, Integer userRowId) {
        return userRowId != null && find(organizationId).stream().anyMatch(id -> id == userRowId);
    }

    /** The clinic's row, created (as the server's own write) when it has none yet. */
    public int rowId(int organizationId, String subdomain) {
        OptionalInt found = find(organizationId);
        if (found.isPresent()) {
            return found.getAsInt();
        }
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, hashtext(?))", Object.class, organizationId, username);
        found = find(organizationId);
        if (found.isPresent()) {
            return found.getAsInt();
        }
        ServerOrigin.mark(jdbc);
        // '!' is no bcrypt hash: no password matches it
        return jdbc.queryForObject("""
                INSERT INTO users (organization_id, email, username, password_hash, first_name, last_name, role,
                                   is_active)
                VALUES (?, ?, ?, '!', ?, ?, ?, false) RETURNING id""",
                Integer.class, organizationId, username + "@" + subdomain + ".invalid", username, firstName, lastName,
                role);
    }
}
