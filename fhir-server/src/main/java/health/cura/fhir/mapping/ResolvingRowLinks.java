package health.cura.fhir.mapping;

import health.cura.mappings.RowLinks;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The link table, plus projection on demand: a reference to a mapped resource that has no row yet (it comes later in
 * the same transaction bundle, whose hooks run in entry order) is projected first, so that the order of a bundle's
 * entries does not matter. Its own hook later finds the row and updates it.
 */
final class ResolvingRowLinks implements RowLinks {

    private final RowLinks stored;
    private final BiConsumer<String, String> projectNow;
    private final Set<String> resolving = new HashSet<>();

    /** @param projectNow projects the resource {@code (type, id)} of this clinic, if it exists and is mapped */
    ResolvingRowLinks(RowLinks stored, BiConsumer<String, String> projectNow) {
        this.stored = stored;
        this.projectNow = projectNow;
    }

    @Override
    public OptionalInt rowId(String resourceType, String resourceId) {
        OptionalInt row = stored.rowId(resourceType, resourceId);
        String key = resourceType + "/" + resourceId;
        if (row.isPresent() || !resolving.add(key)) {
            return row;
        }
        try {
            projectNow.accept(resourceType, resourceId);
        } finally {
            resolving.remove(key);
        }
        return stored.rowId(resourceType, resourceId);
    }

    @Override
    public Optional<String> resourceId(String resourceType, int rowId) {
        return stored.resourceId(resourceType, rowId);
    }
}
