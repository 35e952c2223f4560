package health.cura.fhir.subscriptions;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each clinic's {@link Standing}, read on every request to its base: remembered for two seconds, forgotten at once
 * on this node when the platform changes it (other nodes follow within the two seconds).
 */
public class ClinicStandings {

    private final JdbcTemplate jdbc;
    private final LoadingCache<Integer, Standing> standings;

    public ClinicStandings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.standings = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(2)).maximumSize(100_000)
                .build(this::read);
    }

    public Standing of(int organizationId) {
        return standings.get(organizationId);
    }

    private Standing read(int organizationId) {
        return jdbc.query("""
                SELECT o.subscription_status,
                       (SELECT s.status FROM saas_subscriptions s WHERE s.organization_id = o.id
                        ORDER BY s.id DESC LIMIT 1)
                FROM organizations o WHERE o.id = ?""",
                (rs, n) -> Standing.of(Optional.ofNullable(rs.getString(2)), rs.getString(1)), organizationId)
                .stream().findFirst().orElse(Standing.ACTIVE);
    }

    /** Moves the clinic to {@code standing}: its organization and its latest subscription, if it has one. */
    public void set(int organizationId, Standing standing) {
        jdbc.update("UPDATE organizations SET subscription_status = ?, updated_at = now() WHERE id = ?",
                standing.organizationStatus(), organizationId);
        jdbc.update("""
                UPDATE saas_subscriptions SET status = ?, updated_at = now()
                WHERE id = (SELECT max(id) FROM saas_subscriptions WHERE organization_id = ?)""",
                standing.subscriptionStatus(), organizationId);
        standings.invalidate(organizationId);
    }
}
