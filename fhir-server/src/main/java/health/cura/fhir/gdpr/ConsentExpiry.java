package health.cura.fhir.gdpr;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Consents turn {@code expired} at their {@code expires_at}: the job marks granted consents past it, in every clinic.
 * It writes the rows as any other software would, so change capture brings each Consent along (status inactive, Cura
 * code expired). Safe on several nodes: a consent already expired is left alone.
 */
public class ConsentExpiry {

    private static final Logger log = LoggerFactory.getLogger(ConsentExpiry.class);

    private final JdbcTemplate jdbc;

    public ConsentExpiry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many consents expired. */
    public int run() {
        int expired = jdbc.update("""
                UPDATE gdpr_consents SET status = 'expired', updated_at = now()
                WHERE status = 'granted' AND expires_at IS NOT NULL AND expires_at <= timezone('UTC', now())""");
        if (expired > 0) {
            log.info("{} consents expired", expired);
        }
        return expired;
    }
}
