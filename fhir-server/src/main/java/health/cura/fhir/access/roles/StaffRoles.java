package health.cura.fhir.access.roles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each staff member's permissions: the clinic's {@code roles} row named by {@code users.role} (or, when the clinic has
 * none of that name, the {@link SystemRoles} default), with the member's own {@code users.permissions} over it.
 * Every FHIR request of a signed-in user asks, so answers are kept briefly: a change of role takes effect within
 * {@code remembered}.
 */
public final class StaffRoles {

    private record Key(String tenant, int userRowId) {}

    private final JdbcTemplate jdbc;
    private final Cache<Key, Optional<StaffPermissions>> remembered;

    public StaffRoles(JdbcTemplate jdbc, Duration remembered) {
        this.jdbc = jdbc;
        this.remembered = Caffeine.newBuilder().expireAfterWrite(remembered).maximumSize(10_000).build();
    }

    /** The permissions of a clinic's user, or empty when the clinic has no such user. */
    public Optional<StaffPermissions> of(String tenant, int userRowId) {
        return remembered.get(new Key(tenant, userRowId), key -> lookUp(key.tenant(), key.userRowId()));
    }

    private Optional<StaffPermissions> lookUp(String tenant, int userRowId) {
        return jdbc.query("""
                        SELECT u.role, u.is_active, u.permissions::text,
                               (SELECT r.permissions::text FROM roles r
                                WHERE r.organization_id = u.organization_id AND r.name = u.role
                                ORDER BY r.id LIMIT 1)
                        FROM users u JOIN organizations o ON o.id = u.organization_id
                        WHERE u.id = ? AND o.subdomain = ?""",
                (rs, n) -> {
                    String role = rs.getString(1);
                    String clinicRole = rs.getString(4);
                    RolePermissions granted = clinicRole == null ? SystemRoles.of(role) : RolePermissions.parse(clinicRole);
                    return granted.overlaidWith(RolePermissions.parse(rs.getString(3))).forStaff(role, rs.getBoolean(2));
                },
                userRowId, tenant).stream().findFirst();
    }
}
