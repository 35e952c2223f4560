package health.cura.fhir.mapping;

import health.cura.fhir.tables.ServerOrigin;
import health.cura.mappings.MappingContext;
import health.cura.mappings.RowLinks;
import java.util.OptionalInt;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The clinic's placeholder clinician: a {@code users} row that stands in where a Cura column needs a clinician
 * (lab_results.ordered_by, medical_images.uploaded_by, NOT NULL) and the FHIR resource names none, as a pathology
 * lab's DiagnosticReport or a referred ImagingStudy does. It is created on first use, is inactive with no usable
 * password (it cannot sign in), has no Practitioner, and is never published: a row pointing at it maps back to a
 * resource that names no practitioner.
 */
@Component
public class UnnamedClinician {

    /** The placeholder's username, in every clinic. */
    public static final String USERNAME = "cura-unnamed-clinician";

    private final JdbcTemplate jdbc;

    public UnnamedClinician(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The clinic's placeholder row, if it has one. */
    public OptionalInt find(int organizationId) {
        return jdbc.queryForList("SELECT id FROM users WHERE organization_id = ? AND username = ? ORDER BY id",
                Integer.class, organizationId, USERNAME).stream().mapToInt(Integer::intValue).findFirst();
    }

    /** What the mappers of a row other software wrote know: its links, and this placeholder where the row names it. */
    public MappingContext mappingContext(int organizationId, String subdomain, RowLinks links) {
        return new MappingContext(organizationId, subdomain, links, () -> find(organizationId));
    }

    /** Whether {@code userRowId} is the clinic's placeholder. */
    public boolean is(int organizationId, Integer userRowId) {
        return userRowId != null && find(organizationId).stream().anyMatch(id -> id == userRowId);
    }

    /** The clinic's placeholder row, created (as the server's own write) when it has none yet. */
    public int rowId(int organizationId, String subdomain) {
        OptionalInt found = find(organizationId);
        if (found.isPresent()) {
            return found.getAsInt();
        }
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, hashtext(?))", Object.class, organizationId, USERNAME);
        found = find(organizationId);
        if (found.isPresent()) {
            return found.getAsInt();
        }
        ServerOrigin.mark(jdbc);
        // '!' is no bcrypt hash: no password matches it
        return jdbc.queryForObject("""
                INSERT INTO users (organization_id, email, username, password_hash, first_name, last_name, role,
                                   is_active)
                VALUES (?, ?, ?, '!', 'Unnamed', 'clinician', 'doctor', false) RETURNING id""",
                Integer.class, organizationId, USERNAME + "@" + subdomain + ".invalid", USERNAME);
    }
}
