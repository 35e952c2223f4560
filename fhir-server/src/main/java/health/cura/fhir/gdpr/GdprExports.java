package health.cura.fhir.gdpr;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The exports of patients' records made in the background ({@code cura_gdpr_exports}): the node that accepted one
 * makes it and keeps its heartbeat; any node answers its status and hands out its archive. An export whose heartbeat
 * stopped (its node went down) reads as failed. Archives are dropped after the configured time; the row stays as the
 * record of the disclosure.
 */
public class GdprExports {

    /** One export as its status tells it. */
    public record Export(UUID id, String patient, String request, String status, int done, Integer total,
            String error, List<String> records, boolean stale) {}

    private final JdbcTemplate jdbc;

    public GdprExports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public UUID start(int organizationId, String patient, String request, Integer requestedBy) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO cura_gdpr_exports (id, organization_id, patient_resource_id, request_resource_id,
                    requested_by, status) VALUES (?, ?, ?, ?, ?, 'running')""", id, organizationId, patient, request,
                requestedBy);
        return id;
    }

    public void progress(UUID id, int done, int total) {
        jdbc.update("UPDATE cura_gdpr_exports SET done = ?, total = ?, heartbeat_at = now() WHERE id = ?", done,
                total, id);
    }

    public void completed(UUID id, byte[] archive, List<String> records) {
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    UPDATE cura_gdpr_exports SET status = 'completed', archive = ?, record_ids = ?,
                        completed_at = now(), heartbeat_at = now() WHERE id = ?""");
            statement.setBytes(1, archive);
            statement.setArray(2, connection.createArrayOf("text", records.toArray()));
            statement.setObject(3, id);
            return statement;
        });
    }

    public void failed(UUID id, String why) {
        jdbc.update("UPDATE cura_gdpr_exports SET status = 'failed', error = ?, heartbeat_at = now() WHERE id = ?",
                why, id);
    }

    /** The export, if it is one of the clinic's; one whose heartbeat is older than {@code silence} is stale. */
    public Optional<Export> find(int organizationId, UUID id, Duration silence) {
        return jdbc.query("""
                SELECT patient_resource_id, request_resource_id, status, done, total, error, record_ids,
                       heartbeat_at < now() - make_interval(secs => ?) AS stale
                FROM cura_gdpr_exports WHERE organization_id = ? AND id = ?""", (rs, n) -> {
                    java.sql.Array records = rs.getArray(7);
                    return new Export(id, rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            (Integer) rs.getObject(5), rs.getString(6),
                            records == null ? List.of() : List.of((String[]) records.getArray()),
                            rs.getBoolean(8));
                }, (double) silence.toSeconds(), organizationId, id).stream().findFirst();
    }

    public Optional<byte[]> archive(int organizationId, UUID id) {
        return jdbc.query("SELECT archive FROM cura_gdpr_exports WHERE organization_id = ? AND id = ? AND "
                + "archive IS NOT NULL", (rs, n) -> rs.getBytes(1), organizationId, id).stream().findFirst();
    }

    /** Drops the archives made longer ago than {@code keptFor}; safe on several nodes. */
    public int dropArchivesOlderThan(Duration keptFor) {
        return jdbc.update("""
                UPDATE cura_gdpr_exports SET archive = NULL, status = 'expired'
                WHERE archive IS NOT NULL AND completed_at < now() - make_interval(secs => ?)""",
                (double) keptFor.toSeconds());
    }
}
