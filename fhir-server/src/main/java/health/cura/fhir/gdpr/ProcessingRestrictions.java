package health.cura.fhir.gdpr;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The restrictions of processing of a clinic's patients ({@code cura_processing_restrictions}): which are in force,
 * and the record of each being put in place and lifted. Read on every request that shows or writes patients' records,
 * uncached, so that a restriction holds from the next request on every node.
 */
public class ProcessingRestrictions {

    /** A restriction in force. */
    public record Restriction(int id, String patientResourceId, Instant since) {}

    private final JdbcTemplate jdbc;

    public ProcessingRestrictions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The restrictions in force among these patients (FHIR ids), by patient. */
    public Map<String, Restriction> inForce(int organizationId, Collection<String> patients) {
        if (patients.isEmpty()) {
            return Map.of();
        }
        Map<String, Restriction> found = new HashMap<>();
        jdbc.query("""
                SELECT id, patient_resource_id, restricted_at FROM cura_processing_restrictions
                WHERE organization_id = ? AND lifted_at IS NULL AND patient_resource_id = ANY (?)""",
                rs -> {
                    found.put(rs.getString(2), new Restriction(rs.getInt(1), rs.getString(2),
                            rs.getTimestamp(3).toInstant()));
                },
                organizationId, patients.toArray(String[]::new));
        return found;
    }

    /**
     * As {@link #inForce(int, Collection)}, for a write: first takes a key-share lock on the patients' rows, so that
     * a write racing an erasure (which locks the row for update) waits for it and then meets its restriction, or
     * goes first and has its data erased. Key-share locks do not block each other, nor ordinary updates of the row.
     */
    public Map<String, Restriction> inForceForWrite(int organizationId, Collection<String> patients) {
        if (patients.isEmpty()) {
            return Map.of();
        }
        jdbc.query("""
                SELECT p.id FROM fhir_resource_links l
                JOIN patients p ON p.id = l.row_id AND p.organization_id = l.organization_id
                WHERE l.organization_id = ? AND l.table_name = 'patients' AND l.resource_type = 'Patient'
                  AND l.resource_id = ANY (?)
                FOR KEY SHARE OF p""", rs -> {}, organizationId, patients.toArray(String[]::new));
        return inForce(organizationId, patients);
    }

    public Optional<Restriction> inForce(int organizationId, String patient) {
        return Optional.ofNullable(inForce(organizationId, java.util.List.of(patient)).get(patient));
    }

    /** Puts a restriction in force; empty when one already is (the unique index decides between racing requests). */
    public Optional<Restriction> restrict(int organizationId, String patient, Integer patientRow, String reason,
            String request, Integer by) {
        return jdbc.query("""
                INSERT INTO cura_processing_restrictions (organization_id, patient_id, patient_resource_id,
                    reason, request_resource_id, restricted_by)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (organization_id, patient_resource_id) WHERE lifted_at IS NULL DO NOTHING
                RETURNING id, restricted_at""",
                (rs, n) -> new Restriction(rs.getInt(1), patient, rs.getTimestamp(2).toInstant()),
                organizationId, patientRow, patient, reason, request, by).stream().findFirst();
    }

    /** Lifts the restriction in force, if there is one; answers when it was lifted. */
    public Optional<Instant> lift(int organizationId, String patient, String reason, Integer by) {
        return jdbc.query("""
                UPDATE cura_processing_restrictions SET lifted_at = now(), lift_reason = ?, lifted_by = ?
                WHERE organization_id = ? AND patient_resource_id = ? AND lifted_at IS NULL RETURNING lifted_at""",
                (rs, n) -> rs.getTimestamp(1).toInstant(), reason, by, organizationId, patient)
                .stream().findFirst();
    }
}
