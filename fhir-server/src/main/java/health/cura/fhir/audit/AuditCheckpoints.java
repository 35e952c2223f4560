package health.cura.fhir.audit;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Takes the head of every clinic's audit chain as a checkpoint, on a schedule: a removal of the trail's last rows
 * (and their links) leaves a checkpoint the chain no longer reaches. Safe on several nodes: a head is recorded once.
 */
public class AuditCheckpoints {

    private final JdbcTemplate jdbc;

    public AuditCheckpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The checkpoints taken (clinics whose chain grew since their last one). */
    public int take() {
        return jdbc.update("""
                INSERT INTO cura_audit_checkpoints (organization_id, position, audit_id, chain_hash)
                SELECT o.id, head.position, head.audit_id, head.chain_hash FROM organizations o
                CROSS JOIN LATERAL (SELECT c.position, c.audit_id, c.chain_hash FROM cura_audit_chain c
                                    WHERE c.organization_id = o.id ORDER BY c.position DESC LIMIT 1) head
                ON CONFLICT DO NOTHING""");
    }
}
