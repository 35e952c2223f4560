package health.cura.fhir.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the clinic a request's URL names. Every FHIR request asks, so found tenants are cached; unknown names are not,
 * so that a tenant is reachable the moment it is created.
 */
@Component
public class TenantDirectory {

    private final JdbcTemplate jdbc;
    private final Cache<String, Tenant> bySubdomain =
            Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    private final Cache<Integer, Tenant> byId =
            Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    public TenantDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Tenant> findBySubdomain(String subdomain) {
        Tenant cached = bySubdomain.getIfPresent(subdomain);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Tenant> loaded = load("subdomain", subdomain);
        loaded.ifPresent(tenant -> bySubdomain.put(subdomain, tenant));
        return loaded;
    }

    /** The clinic whose HAPI partition has this id. */
    public Optional<Tenant> findById(int organizationId) {
        Tenant cached = byId.getIfPresent(organizationId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Tenant> loaded = load("id", organizationId);
        loaded.ifPresent(tenant -> byId.put(organizationId, tenant));
        return loaded;
    }

    private Optional<Tenant> load(String column, Object value) {
        return jdbc.query("SELECT id, subdomain, name FROM organizations WHERE " + column + " = ?",
                        (rs, n) -> new Tenant(rs.getInt("id"), rs.getString("subdomain"), rs.getString("name")), value)
                .stream()
                .findFirst();
    }
}
