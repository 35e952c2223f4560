package health.cura.fhir.identity.launch;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Opens and finds SMART launch contexts ({@code cura_launch_contexts}). */
public final class LaunchContexts {

    /** How long after it was opened a launch can start an authorization. */
    public static final Duration START_WINDOW = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LaunchContexts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public LaunchContext open(String tenant, Optional<String> clientId, Optional<String> account, String patient) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        int inserted = jdbc.update("""
                INSERT INTO cura_launch_contexts (launch_id, organization_id, client_id, account, patient_id, created_at)
                SELECT ?, id, ?, ?, ?, ? FROM organizations WHERE subdomain = ?""",
                id, clientId.orElse(null), account.orElse(null), patient, Timestamp.from(now), tenant);
        if (inserted != 1) {
            throw new IllegalArgumentException("No clinic " + tenant);
        }
        return new LaunchContext(id, tenant, clientId, account, patient, now);
    }

    public Optional<LaunchContext> find(String launchId) {
        return jdbc.query("""
                SELECT l.launch_id, o.subdomain, l.client_id, l.account, l.patient_id, l.created_at
                FROM cura_launch_contexts l JOIN organizations o ON o.id = l.organization_id
                WHERE l.launch_id = ?""",
                (row, n) -> new LaunchContext(row.getString(1), row.getString(2),
                        Optional.ofNullable(row.getString(3)), Optional.ofNullable(row.getString(4)),
                        row.getString(5), row.getTimestamp(6).toInstant()),
                launchId).stream().findFirst();
    }

    /**
     * The launch a grant is issuing a token with, noting the use: a launch lives as long as its grant keeps
     * refreshing tokens.
     */
    public Optional<LaunchContext> use(String launchId) {
        jdbc.update("UPDATE cura_launch_contexts SET last_used_at = ? WHERE launch_id = ?",
                Timestamp.from(clock.instant()), launchId);
        return find(launchId);
    }

    /** Whether the launch may still start an authorization. */
    public boolean canStart(LaunchContext launch) {
        return launch.created().plus(START_WINDOW).isAfter(clock.instant());
    }
}
