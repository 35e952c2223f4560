package health.cura.mappings;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The links a mapping needs, looked up before the mapper runs: the row of each resource the mapped resources
 * reference, or the resource of each row a row references. A mapper given these reaches no database; a reference
 * that was not resolved has no row.
 */
public final class ResolvedLinks implements RowLinks {

    private final Map<String, Integer> rows;
    private final Map<String, String> resources;

    private ResolvedLinks(Map<String, Integer> rows, Map<String, String> resources) {
        this.rows = Map.copyOf(rows);
        this.resources = Map.copyOf(resources);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public OptionalInt rowId(String resourceType, String resourceId) {
        Integer row = rows.get(resourceType + "/" + resourceId);
        return row == null ? OptionalInt.empty() : OptionalInt.of(row);
    }

    @Override
    public Optional<String> resourceId(String resourceType, int rowId) {
        return Optional.ofNullable(resources.get(resourceType + "#" + rowId));
    }

    /** Collects links, both ways. */
    public static final class Builder {

        private final Map<String, Integer> rows = new HashMap<>();
        private final Map<String, String> resources = new HashMap<>();

        private Builder() {}

        public Builder link(String resourceType, String resourceId, int rowId) {
            rows.put(resourceType + "/" + resourceId, rowId);
            resources.put(resourceType + "#" + rowId, resourceId);
            return this;
        }

        public ResolvedLinks build() {
            return new ResolvedLinks(rows, resources);
        }
    }
}
