package health.cura.fhir.tables;

import java.util.Optional;

/**
 * How a row belongs to a clinic: through a column of its own ({@code organization_id}), by being the clinic
 * ({@code organizations.id}), through the row another column points to ({@code messages.conversation_id} to its
 * conversation's clinic), or not at all (the platform's own tables).
 *
 * @param column the column of this table that names the clinic or leads to it; empty for platform tables
 * @param via    the table {@code column} points to, when the clinic is that row's
 * @param tenant whether {@code column} is this table's own id (the table of clinics)
 */
public record TenantScope(Optional<String> column, Optional<String> via, boolean tenant) {

    public static TenantScope column(String column) {
        return new TenantScope(Optional.of(column), Optional.empty(), false);
    }

    public static TenantScope isTenant(String idColumn) {
        return new TenantScope(Optional.of(idColumn), Optional.empty(), true);
    }

    public static TenantScope through(String column, String table) {
        return new TenantScope(Optional.of(column), Optional.of(table), false);
    }

    public static TenantScope platform() {
        return new TenantScope(Optional.empty(), Optional.empty(), false);
    }

    public boolean platformOnly() {
        return column.isEmpty();
    }
}
