package health.cura.fhir.identity.external;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import health.cura.fhir.tables.ResourceLinks;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The {@code users} row of a clinic's practitioner, for tokens that name their user only as {@code fhirUser}. */
public final class PractitionerAccounts {

    private record Key(String tenant, String practitionerId) {}

    private final Cache<Key, Optional<Integer>> remembered =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).maximumSize(10_000).build();

    private final ResourceLinks links;

    public PractitionerAccounts(ResourceLinks links) {
        this.links = links;
    }

    public Optional<Integer> rowOf(String tenant, String practitionerId) {
        return remembered.get(new Key(tenant, practitionerId), key -> {
            OptionalInt row = links.rowId(key.tenant(), "Practitioner", key.practitionerId());
            return row.isPresent() ? Optional.of(row.getAsInt()) : Optional.empty();
        });
    }
}
