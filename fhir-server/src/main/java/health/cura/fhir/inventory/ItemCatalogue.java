package health.cura.fhir.inventory;

import health.cura.fhir.tables.ServerOrigin;
import health.cura.mappings.inventory.ItemBatch;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows an item's Basic names by their names: its category ({@code inventory_categories}) and supplier
 * ({@code inventory_suppliers}), found by name within the clinic or added; and the batches it shows.
 */
public class ItemCatalogue {

    private final JdbcTemplate jdbc;

    public ItemCatalogue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The clinic's category of that name (added when it has none); null for none. */
    public Integer category(int organizationId, String name) {
        return name == null ? null : findOrAdd("inventory_categories", organizationId, name);
    }

    /** The clinic's supplier of that name (added when it has none); null for none. */
    public Integer supplier(int organizationId, String name) {
        return name == null ? null : findOrAdd("inventory_suppliers", organizationId, name);
    }

    private Integer findOrAdd(String table, int organizationId, String name) {
        Optional<Integer> found = find(table, organizationId, name);
        if (found.isPresent()) {
            return found.get();
        }
        // two writers naming a new category at once add it once
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", Object.class, organizationId,
                table + ":" + name.toLowerCase(java.util.Locale.ROOT));
        found = find(table, organizationId, name);
        if (found.isPresent()) {
            return found.get();
        }
        ServerOrigin.mark(jdbc);
        return jdbc.queryForObject("INSERT INTO " + table + " (organization_id, name) VALUES (?, ?) RETURNING id",
                Integer.class, organizationId, name);
    }

    private Optional<Integer> find(String table, int organizationId, String name) {
        return jdbc.queryForList("SELECT id FROM " + table + " WHERE organization_id = ? AND lower(name) = lower(?) "
                + "ORDER BY id LIMIT 1", Integer.class, organizationId, name).stream().findFirst();
    }

    /** The name of the clinic's category or supplier row; null for none. */
    public String categoryName(int organizationId, Integer id) {
        return name("inventory_categories", organizationId, id);
    }

    public String supplierName(int organizationId, Integer id) {
        return name("inventory_suppliers", organizationId, id);
    }

    private String name(String table, int organizationId, Integer id) {
        if (id == null) {
            return null;
        }
        return jdbc.queryForList("SELECT name FROM " + table + " WHERE organization_id = ? AND id = ?", String.class,
                organizationId, id).stream().findFirst().orElse(null);
    }

    /** The item's batches that still hold stock, first expiry first, as its Basic shows them. */
    public List<ItemBatch> batches(int organizationId, int itemRow) {
        return jdbc.query("""
                SELECT batch_number, expiry_date, storage_location, remaining_quantity FROM inventory_batches
                WHERE organization_id = ? AND item_id = ? AND remaining_quantity > 0
                ORDER BY expiry_date NULLS LAST, id""",
                (rs, n) -> new ItemBatch(rs.getString(1), rs.getDate(2) == null ? null : rs.getDate(2).toLocalDate(),
                        rs.getString(3), rs.getInt(4)), organizationId, itemRow);
    }
}
