package health.cura.fhir.identity;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.identity.oauth.GrantPurge;
import health.cura.fhir.support.ServerTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The authorization server's housekeeping deletes what has expired and nothing that is still in use. */
class GrantPurgeTest extends ServerTest {

    @Autowired
    GrantPurge purge;

    @Test
    void expiredGrantsUnusedLaunchesAndOldFailuresGoTheRestStays() {
        Instant now = Instant.now();
        String expired = grant(now.minus(Duration.ofDays(2)), null);
        String refreshable = grant(now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(5)));
        String justExpired = grant(now.minus(Duration.ofMinutes(5)), null);

        String clinic = newTenant("purge");
        String forgotten = launch(clinic, now.minus(Duration.ofDays(31)));
        String refreshedLately = launch(clinic, now.minus(Duration.ofDays(3)));

        String oldFailure = "purge-" + UUID.randomUUID() + "/old";
        String lockedNow = "purge-" + UUID.randomUUID() + "/locked";
        jdbc.update("INSERT INTO cura_login_failures (account, address, failures, last_failure_at) "
                        + "VALUES (?, '192.0.2.1', 2, ?)",
                oldFailure, Timestamp.from(now.minus(Duration.ofDays(1))));
        jdbc.update("INSERT INTO cura_login_failures (account, address, failures, locked_until, last_failure_at) "
                + "VALUES (?, '192.0.2.1', 5, ?, ?)", lockedNow, Timestamp.from(now.plus(Duration.ofMinutes(10))),
                Timestamp.from(now.minus(Duration.ofMinutes(5))));

        GrantPurge.Purged purged = purge.run();

        assertThat(purged.grants()).isGreaterThanOrEqualTo(1);
        assertThat(exists("oauth2_authorization", "id", expired)).isFalse();
        assertThat(exists("oauth2_authorization", "id", refreshable)).as("refresh token still valid").isTrue();
        assertThat(exists("oauth2_authorization", "id", justExpired)).as("within the grace hour").isTrue();
        assertThat(exists("cura_launch_contexts", "launch_id", forgotten)).isFalse();
        assertThat(exists("cura_launch_contexts", "launch_id", refreshedLately)).isTrue();
        assertThat(exists("cura_login_failures", "account", oldFailure)).isFalse();
        assertThat(exists("cura_login_failures", "account", lockedNow)).isTrue();
    }

    private String grant(Instant accessTokenExpiry, Instant refreshTokenExpiry) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, "
                + "authorization_grant_type, access_token_expires_at, refresh_token_expires_at) "
                + "VALUES (?, 'purge-test', 'someone', 'authorization_code', ?, ?)", id,
                Timestamp.from(accessTokenExpiry), refreshTokenExpiry == null ? null : Timestamp.from(refreshTokenExpiry));
        return id;
    }

    private String launch(String clinic, Instant lastUsed) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO cura_launch_contexts (launch_id, organization_id, patient_id, created_at, last_used_at) "
                + "VALUES (?, ?, 'p', ?, ?)", id, organizationId(clinic), Timestamp.from(lastUsed),
                Timestamp.from(lastUsed));
        return id;
    }

    private boolean exists(String table, String column, String value) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + column + " = ?", Integer.class, value) > 0;
    }
}
