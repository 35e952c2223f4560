package health.cura.fhir.identity.staff;

import health.cura.fhir.identity.SecurityProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts failed sign-ins per account and locks the account for a while after too many in a row, whatever the
 * password guessed, so that passwords cannot be guessed online.
 */
public final class LoginFailures {

    private final JdbcTemplate jdbc;
    private final SecurityProperties.Lockout policy;
    private final Clock clock;

    public LoginFailures(JdbcTemplate jdbc, SecurityProperties.Lockout policy, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clock = clock;
    }

    public boolean isLocked(String account) {
        return jdbc.queryForList("SELECT locked_until FROM cura_login_failures WHERE account = ?", Timestamp.class,
                        account).stream()
                .anyMatch(until -> until != null && until.toInstant().isAfter(clock.instant()));
    }

    public void recordFailure(String account) {
        Instant now = clock.instant();
        jdbc.update("""
                INSERT INTO cura_login_failures (account, failures, last_failure_at) VALUES (?, 1, ?)
                ON CONFLICT (account) DO UPDATE SET failures = cura_login_failures.failures + 1,
                    last_failure_at = excluded.last_failure_at""", account, Timestamp.from(now));
        jdbc.update("UPDATE cura_login_failures SET locked_until = ?, failures = 0 WHERE account = ? AND failures >= ?",
                Timestamp.from(now.plus(policy.duration())), account, policy.maximumFailures());
    }

    public void reset(String account) {
        jdbc.update("DELETE FROM cura_login_failures WHERE account = ?", account);
    }
}
