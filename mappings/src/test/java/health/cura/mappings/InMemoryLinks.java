package health.cura.mappings;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** A link table in memory: every row id of every type gets a resource id on first use, both ways. */
public final class InMemoryLinks implements RowLinks {

    private final Map<String, Integer> rows = new HashMap<>();
    private final Map<String, String> resources = new HashMap<>();

    @Override
    public OptionalInt rowId(String resourceType, String resourceId) {
        Integer row = rows.get(resourceType + "/" + resourceId);
        return row == null ? OptionalInt.empty() : OptionalInt.of(row);
    }

    @Override
    public Optional<String> resourceId(String resourceType, int rowId) {
        return Optional.of(resources.computeIfAbsent(resourceType + "#" + rowId, key -> {
            String id = UUID.nameUUIDFromBytes(key.getBytes()).toString();
            rows.put(resourceType + "/" + id, rowId);
            return id;
        }));
    }

    public MappingContext context() {
        return new MappingContext(7, "test-clinic", this);
    }
}
