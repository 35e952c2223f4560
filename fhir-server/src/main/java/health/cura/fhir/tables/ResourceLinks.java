package health.cura.fhir.tables;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code fhir_resource_links}: which row each mapped resource is, the one class that holds its SQL. Queries run on the
 * caller's transaction, so a link written by a projection is seen by the next projection in the same bundle and
 * vanishes with it on rollback. Statements that need a link in passing (the audit row's insert, the patient picker's
 * page) take their SQL from {@link #rowIdSql} and {@link #resourceIdJoinSql} instead of a query per row.
 */
@Repository
public class ResourceLinks {

    private final JdbcTemplate jdbc;

    public ResourceLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A scalar subquery for the row id of a resource, for a statement that looks it up in passing. The arguments are
     * SQL expressions of the enclosing statement (a column or a {@code ?}), never values.
     */
    public static String rowIdSql(String organizationId, String resourceType, String resourceId) {
        return "(SELECT row_id FROM fhir_resource_links WHERE organization_id = " + organizationId
                + " AND resource_type = " + resourceType + " AND resource_id = " + resourceId + ")";
    }

    /**
     * As {@link #rowIdSql}, but only while the row is still in {@code table}: other software may have deleted it
     * before change capture removed its link, and a foreign key to the row must not be given a dead id.
     */
    public static String liveRowIdSql(String table, String organizationId, String resourceType, String resourceId) {
        return "(SELECT l.row_id FROM fhir_resource_links l JOIN " + table + " r ON r.id = l.row_id"
                + " WHERE l.organization_id = " + organizationId + " AND l.resource_type = " + resourceType
                + " AND l.resource_id = " + resourceId + ")";
    }

    /**
     * A join clause giving each row of {@code table} (aliased {@code rowAlias}, with an {@code organization_id}) the
     * id of its resource of {@code resourceType} as {@code alias.resource_id}; rows without one drop out.
     */
    public static String resourceIdJoinSql(String table, String rowAlias, String resourceType, String alias) {
        return "JOIN fhir_resource_links " + alias + " ON " + alias + ".organization_id = " + rowAlias
                + ".organization_id AND " + alias + ".table_name = '" + table + "' AND " + alias + ".row_id = "
                + rowAlias + ".id AND " + alias + ".resource_type = '" + resourceType + "'";
    }

    public OptionalInt rowId(int organizationId, String resourceType, String resourceId) {
        return jdbc.query("""
                        SELECT row_id FROM fhir_resource_links
                        WHERE organization_id = ? AND resource_type = ? AND resource_id = ?""",
                        (rs, n) -> rs.getInt(1), organizationId, resourceType, resourceId)
                .stream().mapToInt(Integer::intValue).findFirst();
    }

    /** As {@link #rowId(int, String, String)}, for a clinic named by its subdomain. */
    public OptionalInt rowId(String subdomain, String resourceType, String resourceId) {
        return jdbc.query("""
                        SELECT l.row_id FROM fhir_resource_links l JOIN organizations o ON o.id = l.organization_id
                        WHERE o.subdomain = ? AND l.resource_type = ? AND l.resource_id = ?""",
                        (rs, n) -> rs.getInt(1), subdomain, resourceType, resourceId)
                .stream().mapToInt(Integer::intValue).findFirst();
    }

    public Optional<String> resourceId(int organizationId, String table, int rowId, String resourceType) {
        return jdbc.query("""
                        SELECT resource_id FROM fhir_resource_links
                        WHERE organization_id = ? AND table_name = ? AND row_id = ? AND resource_type = ?""",
                        (rs, n) -> rs.getString(1), organizationId, table, rowId, resourceType)
                .stream().findFirst();
    }

    public void link(int organizationId, String table, int rowId, String resourceType, String resourceId) {
        jdbc.update("""
                INSERT INTO fhir_resource_links (organization_id, table_name, row_id, resource_type, resource_id)
                VALUES (?, ?, ?, ?, ?)""", organizationId, table, rowId, resourceType, resourceId);
    }

    /** Forgets the links of a row that is deleted for good. */
    public void unlink(int organizationId, String table, int rowId) {
        jdbc.update("DELETE FROM fhir_resource_links WHERE organization_id = ? AND table_name = ? AND row_id = ?",
                organizationId, table, rowId);
    }

    /** Forgets which row a resource had (the row itself stays). */
    public void unlinkResource(int organizationId, String resourceType, String resourceId) {
        jdbc.update("DELETE FROM fhir_resource_links WHERE organization_id = ? AND resource_type = ? AND resource_id = ?",
                organizationId, resourceType, resourceId);
    }

    /**
     * Writes a resource's row: updates the linked one, or inserts a row and links it.
     *
     * @param existing the linked row, as {@link #rowId} found it
     * @param insert inserts the row and returns its id
     */
    public void save(int organizationId, String table, String resourceType, String resourceId, OptionalInt existing,
            IntConsumer update, IntSupplier insert) {
        if (existing.isPresent()) {
            update.accept(existing.getAsInt());
        } else {
            link(organizationId, table, insert.getAsInt(), resourceType, resourceId);
        }
    }
}
