package health.cura.fhir.identity.oauth;

import health.cura.fhir.identity.launch.LaunchContexts;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes what the authorization server no longer needs: grants whose every code and token has expired, launch
 * contexts no grant has used for longer than a refresh token lives, and sign-in failures older than a lockout. Safe to
 * run on several instances at once.
 */
public final class GrantPurge {

    /** Counts of the rows one run deleted. */
    public record Purged(int grants, int launches, int loginFailures) {}

    private static final Logger log = LoggerFactory.getLogger(GrantPurge.class);

    /** Expired grants stay a little, so that a token presented just after its expiry is told so, not "unknown". */
    private static final Duration GRACE = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration refreshTokenLifetime;
    private final Duration lockout;

    public GrantPurge(JdbcTemplate jdbc, Clock clock, Duration refreshTokenLifetime, Duration lockout) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.refreshTokenLifetime = refreshTokenLifetime;
        this.lockout = lockout;
    }

    public Purged run() {
        Instant now = clock.instant();
        int grants = jdbc.update("""
                DELETE FROM oauth2_authorization
                WHERE GREATEST(authorization_code_expires_at, access_token_expires_at, oidc_id_token_expires_at,
                               refresh_token_expires_at, user_code_expires_at, device_code_expires_at) < ?""",
                Timestamp.from(now.minus(GRACE)));
        int launches = jdbc.update("DELETE FROM cura_launch_contexts WHERE last_used_at < ?",
                Timestamp.from(now.minus(refreshTokenLifetime).minus(LaunchContexts.START_WINDOW)));
        int failures = jdbc.update(
                "DELETE FROM cura_login_failures WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)",
                Timestamp.from(now.minus(lockout)), Timestamp.from(now));
        Purged purged = new Purged(grants, launches, failures);
        if (grants + launches + failures > 0) {
            log.info("Purged {} expired grants, {} unused launch contexts, {} old sign-in failure records",
                    grants, launches, failures);
        }
        return purged;
    }
}
