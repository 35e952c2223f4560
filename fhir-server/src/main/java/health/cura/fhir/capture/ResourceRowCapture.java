package health.cura.fhir.capture;

import health.cura.conformance.terminology.CuraEnum;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.DomainResource;

/**
 * The applier of a table whose row is one resource: a new row becomes a resource (and its link), a changed row is
 * merged into its resource (owned elements from the row, all others kept; no
 * new version when the stored resource already says what the row says), a row deleted by SQL deletes its resource.
 *
 * @param <R> the mapper's row record
 * @param <T> the resource type
 */
public abstract class ResourceRowCapture<R, T extends DomainResource> implements RowApplier {

    private final String table;
    private final Class<T> type;
    private final String resourceType;
    protected final ResourceLinks links;
    protected final CapturedWrites writes;
    protected final RowDependencies dependencies;

    protected ResourceRowCapture(String table, Class<T> type, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies) {
        this.table = table;
        this.type = type;
        this.resourceType = type.getSimpleName();
        this.links = links;
        this.writes = writes;
        this.dependencies = dependencies;
    }

    @Override
    public final String table() {
        return table;
    }

    /** The row's owned columns as it is now; empty when it is gone (or belongs to another clinic). */
    protected abstract Optional<R> read(int organizationId, int rowId);

    /** Links each row the row references to its resource, applying referenced rows that have none yet. */
    protected abstract void resolve(CapturedRow changed, R row, ResolvedLinks.Builder resolved);

    protected abstract T toFhir(R row, MappingContext context);

    /**
     * The row a stored resource would be written as, to tell whether it already says what the row says; null where
     * the mapper has no such direction (then the merge is compared with the stored resource instead).
     */
    protected abstract R toRow(T stored, MappingContext context);

    /**
     * The stored resource with the row's values: owned elements from {@code fromRow} (most mappers declare them as
     * {@link OwnedElements}), all others kept.
     */
    protected abstract T merge(T stored, T fromRow, R row, MappingContext context);

    /** What the mappers know of the clinic; a table whose rows may name the unnamed clinician adds it. */
    protected MappingContext context(CapturedRow changed, ResolvedLinks resolved) {
        return new MappingContext(changed.organizationId(), changed.subdomain(), resolved);
    }

    /** Adds to the mapper's resource what the row's place says (the resource of the same row it belongs to). */
    protected T complete(T fromRow, CapturedRow changed) {
        return fromRow;
    }

    @Override
    public void apply(CapturedRow changed) {
        int clinic = changed.organizationId();
        Optional<String> linked = links.resourceId(clinic, table, changed.rowId(), resourceType);
        Optional<R> row = read(clinic, changed.rowId());
        if (row.isEmpty()) {
            linked.ifPresent(id -> {
                writes.delete(changed, resourceType, id);
                links.unlinkResource(clinic, resourceType, id);
            });
            return;
        }
        R current = row.get();
        ResolvedLinks.Builder resolved = ResolvedLinks.builder();
        resolve(changed, current, resolved);
        MappingContext context = context(changed, resolved.build());
        T fromRow = complete(map(current, context), changed);
        if (linked.isEmpty()) {
            String id = writes.create(changed, fromRow);
            links.link(clinic, table, changed.rowId(), resourceType, id);
            return;
        }
        Optional<T> stored = writes.read(changed, type, linked.get());
        T merged = stored.filter(resource -> says(resource, fromRow, current, context)).orElseGet(() ->
                stored.map(resource -> merge(resource, fromRow, current, context)).orElse(fromRow));
        writes.updateAsRead(changed, merged, linked.get(), stored);
    }

    /** Whether the stored resource already holds the row's values (then it is kept exactly, and no version made). */
    private boolean says(T stored, T fromRow, R row, MappingContext context) {
        try {
            R written = toRow(stored, context);
            return written == null ? merge(stored, fromRow, row, context).equalsDeep(stored)
                    : Objects.equals(written, row);
        } catch (UnmappableResourceException | IllegalArgumentException | NoSuchElementException e) {
            return false;
        }
    }

    /** A coded column's value, when it is one of the documented values; the reason it cannot be mapped otherwise. */
    protected static String documented(String value, CuraEnum values, String column) {
        if (value == null || !values.contains(value)) {
            throw new UnmappableResourceException(column, column + " '" + value
                    + "' is not one of the documented values");
        }
        return value;
    }

    private T map(R row, MappingContext context) {
        return RowMapping.of(table, resourceType, () -> toFhir(row, context));
    }
}
