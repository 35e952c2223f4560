package health.cura.fhir.identity.staff;

import health.cura.fhir.identity.SecurityProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts failed sign-ins and locks out where they come from, so that passwords cannot be guessed online and a
 * stranger cannot lock a member of staff out: failures to one account from one address lock that account for that
 * address only; failures from one address across accounts lock that address for all of them. The account's owner
 * signing in from anywhere else is never refused. Counts live in the database, so every node sees the same.
 */
public final class LoginFailures {

    /** The account name of a row that counts an address's failures over all accounts (an account is named by its clinic, a slash and its username, so none is this). */
    static final String ANY_ACCOUNT = "*";

    private final JdbcTemplate jdbc;
    private final SecurityProperties.Lockout policy;
    private final Clock clock;

    public LoginFailures(JdbcTemplate jdbc, SecurityProperties.Lockout policy, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clock = clock;
    }

    /** Whether sign-ins to the account from the address are refused now. */
    public boolean isLocked(String account, String remoteAddress) {
        return jdbc.queryForList("""
                        SELECT locked_until FROM cura_login_failures
                        WHERE address = ? AND account IN (?, ?) AND locked_until > ?""", Timestamp.class,
                SignInAddress.blockOf(remoteAddress), account, ANY_ACCOUNT, Timestamp.from(clock.instant()))
                .stream().findAny().isPresent();
    }

    public void recordFailure(String account, String remoteAddress) {
        String address = SignInAddress.blockOf(remoteAddress);
        count(account, address, policy.maximumFailures());
        count(ANY_ACCOUNT, address, policy.addressMaximumFailures());
    }

    /** A right password from the address: its failures to this account are forgiven (not those to others). */
    public void reset(String account, String remoteAddress) {
        jdbc.update("DELETE FROM cura_login_failures WHERE account = ? AND address = ?", account,
                SignInAddress.blockOf(remoteAddress));
    }

    private void count(String account, String address, int maximum) {
        Instant now = clock.instant();
        Timestamp forgotten = Timestamp.from(now.minus(policy.duration()));
        // a failure long after the one before starts counting afresh
        jdbc.update("""
                INSERT INTO cura_login_failures (account, address, failures, last_failure_at) VALUES (?, ?, 1, ?)
                ON CONFLICT (account, address) DO UPDATE SET
                    failures = CASE WHEN cura_login_failures.last_failure_at < ? THEN 1
                                    ELSE cura_login_failures.failures + 1 END,
                    last_failure_at = excluded.last_failure_at""",
                account, address, Timestamp.from(now), forgotten);
        jdbc.update("""
                UPDATE cura_login_failures SET locked_until = ?, failures = 0
                WHERE account = ? AND address = ? AND failures >= ?""",
                Timestamp.from(now.plus(policy.duration())), account, address, maximum);
    }
}
