package health.cura.fhir.capture;

import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The resources a changed row points at (an appointment's patient and practitioner), brought into FHIR first when
 * they are not there yet: a row written by other software may reference a row whose own change is still queued, or
 * that predates the server. The referenced row is applied under its own row lock, so that it becomes one resource
 * however many changes reach for it at once. Rows of other clinics are never found: every applier reads a row in the
 * changed row's clinic only.
 */
public final class RowDependencies {

    private final JdbcTemplate jdbc;
    private final ResourceLinks links;
    private final ObjectProvider<RowApplier> appliers;

    public RowDependencies(JdbcTemplate jdbc, ResourceLinks links, ObjectProvider<RowApplier> appliers) {
        this.jdbc = jdbc;
        this.links = links;
        this.appliers = appliers;
    }

    /**
     * The id of the resource of {@code table}'s row {@code rowId} in the changed row's clinic.
     *
     * @param column the changed row's column holding the reference, named in the reason when it points nowhere
     */
    public String require(CapturedRow changed, String column, String table, int rowId, String resourceType) {
        return find(changed, table, rowId, resourceType).orElseThrow(() -> new UnmappableResourceException(column,
                column + " " + rowId + " is no " + table + " row of this clinic that FHIR can represent"));
    }

    /** {@link #require}, added to the links a mapper is given. */
    public void link(CapturedRow changed, ResolvedLinks.Builder resolved, String column, String table, int rowId,
            String resourceType) {
        resolved.link(resourceType, require(changed, column, table, rowId, resourceType), rowId);
    }

    /** As {@link #require}, for an optional reference: empty when the row is not there, or has no resource. */
    public Optional<String> find(CapturedRow changed, String table, Integer rowId, String resourceType) {
        if (rowId == null) {
            return Optional.empty();
        }
        int clinic = changed.organizationId();
        Optional<String> linked = links.resourceId(clinic, table, rowId, resourceType);
        if (linked.isPresent()) {
            return linked;
        }
        Optional<RowApplier> applier = appliers.orderedStream().filter(a -> a.table().equals(table)).findFirst();
        if (applier.isEmpty()) {
            return Optional.empty();
        }
        // not waiting: another worker may hold it while it waits for a row this one holds
        if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext(?), ?)",
                Boolean.class, table, rowId))) {
            throw new RowBusyException(table, rowId);
        }
        linked = links.resourceId(clinic, table, rowId, resourceType);
        if (linked.isPresent()) {
            return linked;
        }
        applier.get().apply(new CapturedRow(table, rowId, clinic, changed.subdomain()));
        return links.resourceId(clinic, table, rowId, resourceType);
    }
}
