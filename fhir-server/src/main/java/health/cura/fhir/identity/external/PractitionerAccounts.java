package health.cura.fhir.identity.external;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code users} row of a clinic's practitioner, for tokens that name their user only as {@code fhirUser}. */
public final class PractitionerAccounts {

    private record Key(String tenant, String practitionerId) {}

    private final JdbcTemplate jdbc;
    private final Cache<Key, Optional<Integer>> remembered =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).maximumSize(10_000).build();

    public PractitionerAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Integer> rowOf(String tenant, String practitionerId) {
        return remembered.get(new Key(tenant, practitionerId), key -> jdbc.queryForList("""
                        SELECT l.row_id FROM fhir_resource_links l JOIN organizations o ON o.id = l.organization_id
                        WHERE o.subdomain = ? AND l.table_name = 'users' AND l.resource_type = 'Practitioner'
                          AND l.resource_id = ?""", Integer.class, key.tenant(), key.practitionerId())
                .stream().findFirst());
    }
}
