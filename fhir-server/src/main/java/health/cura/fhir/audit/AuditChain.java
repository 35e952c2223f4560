package health.cura.fhir.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks a clinic's audit trail against its hash chain ({@code cura_audit_chain}, written by V19's trigger): walking
 * the chain in order, each row must still be there, hash as it did when written, name the same patient, follow its
 * predecessor, and the chain must reach its last checkpoint; no row of the clinic may stand outside it. Rows purged
 * after the trail's retention period ({@link AuditRetention}) are accepted as gone, their entries still chaining.
 * The first break found is answered, naming the row.
 */
public class AuditChain {

    /** What the walk found: intact, or the first row that breaks the chain and how. */
    public record Verdict(boolean intact, long rowsChecked, Optional<Integer> auditId, String finding) {

        static Verdict broken(long checked, int auditId, String finding) {
            return new Verdict(false, checked, Optional.of(auditId), finding);
        }
    }

    private record Link(long position, int auditId, String subjectKey, String rowHash, String chainHash,
            boolean present, String actualRowHash, String actualSubjectKey) {}

    private final JdbcTemplate jdbc;

    public AuditChain(JdbcTemplate jdbc) {
        // the chain is walked a thousand rows at a time: a clinic's trail may hold millions
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(1000);
    }

    public Verdict verify(int organizationId) {
        long purgedUpTo = jdbc.queryForObject("SELECT coalesce(max(up_to_position), 0) FROM cura_audit_purges "
                + "WHERE organization_id = ?", Long.class, organizationId);
        long[] checked = {0};
        Verdict[] broken = {null};
        String[] previous = {null};
        long[] expected = {1};
        jdbc.query("""
                SELECT c.position, c.audit_id, c.subject_key, c.row_hash, c.chain_hash, a.id IS NOT NULL,
                       CASE WHEN a.id IS NULL THEN NULL ELSE cura_audit_row_hash(a, c.subject_key) END,
                       CASE WHEN a.id IS NULL THEN NULL ELSE cura_audit_subject_key(a.organization_id, a.patient_id) END
                FROM cura_audit_chain c LEFT JOIN gdpr_audit_trail a ON a.id = c.audit_id
                WHERE c.organization_id = ? ORDER BY c.position""", rs -> {
                    if (broken[0] != null) {
                        return;
                    }
                    Link link = new Link(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8));
                    broken[0] = check(link, expected[0], previous[0], checked[0], purgedUpTo);
                    checked[0]++;
                    expected[0] = link.position() + 1;
                    previous[0] = link.chainHash();
                }, organizationId);
        if (broken[0] != null) {
            return broken[0];
        }
        Optional<Integer> outside = jdbc.queryForList("""
                SELECT a.id FROM gdpr_audit_trail a WHERE a.organization_id = ?
                  AND NOT EXISTS (SELECT 1 FROM cura_audit_chain c WHERE c.organization_id = a.organization_id
                                  AND c.audit_id = a.id)
                ORDER BY a.id LIMIT 1""", Integer.class, organizationId).stream().findFirst();
        if (outside.isPresent()) {
            return Verdict.broken(checked[0], outside.get(), "was written outside the chain (not in order, with "
                    + "the chaining trigger bypassed)");
        }
        long reached = expected[0] - 1;
        String head = previous[0];
        return jdbc.query("""
                SELECT position, audit_id, chain_hash FROM cura_audit_checkpoints WHERE organization_id = ?
                ORDER BY position DESC LIMIT 1""", rs -> {
                    if (!rs.next()) {
                        return new Verdict(true, checked[0], Optional.empty(), "intact");
                    }
                    long position = rs.getLong(1);
                    int auditId = rs.getInt(2);
                    if (position > reached) {
                        return Verdict.broken(checked[0], auditId, "and the rows after position " + reached
                                + " were removed: the checkpoint of position " + position + " names it");
                    }
                    String atCheckpoint = position == reached ? head : jdbc.queryForObject(
                            "SELECT chain_hash FROM cura_audit_chain WHERE organization_id = ? AND position = ?",
                            String.class, organizationId, position);
                    if (!rs.getString(3).equals(atCheckpoint)) {
                        return Verdict.broken(checked[0], auditId, "is not the row the checkpoint of position "
                                + position + " recorded: the chain up to it was rewritten");
                    }
                    return new Verdict(true, checked[0], Optional.empty(), "intact");
                }, organizationId);
    }

    private static Verdict check(Link link, long expected, String previous, long checked, long purgedUpTo) {
        if (link.position() != expected) {
            return Verdict.broken(checked, link.auditId(), "follows a gap: the row at position " + expected
                    + " was removed");
        }
        if (!link.present() && link.position() <= purgedUpTo) {
            // purged after the trail's retention period: its entry still chains
            return chainHash(previous, link.rowHash()).equals(link.chainHash()) ? null
                    : Verdict.broken(checked, link.auditId(), "does not follow the row before it in the chain");
        }
        if (!link.present()) {
            return Verdict.broken(checked, link.auditId(), "was removed");
        }
        if (!link.rowHash().equals(link.actualRowHash())) {
            return Verdict.broken(checked, link.auditId(), "was changed after it was written");
        }
        if (link.actualSubjectKey() != null && !link.actualSubjectKey().equals(link.subjectKey())) {
            return Verdict.broken(checked, link.auditId(), "now names another patient than when it was written");
        }
        if (!chainHash(previous, link.rowHash()).equals(link.chainHash())) {
            return Verdict.broken(checked, link.auditId(), "does not follow the row before it in the chain");
        }
        return null;
    }

    /** As {@code cura_audit_chain_hash} computes it in the database. */
    static String chainHash(String previous, String rowHash) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(((previous == null ? "" : previous) + rowHash)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
