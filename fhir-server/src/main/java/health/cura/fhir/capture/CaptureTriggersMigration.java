package health.cura.fhir.capture;

import health.cura.fhir.tables.CuraTables;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Change capture for tables mapped after V11: their triggers, as {@link ChangeLogMigration} writes them. Each later
 * mapping adds one of these with its own version, so that no applied migration's checksum ever changes. The backfill
 * then brings the rows these tables already hold into FHIR.
 */
public final class CaptureTriggersMigration implements JavaMigration {

    /** Every migration of this kind, in version order. */
    static final List<CaptureTriggersMigration> ALL = List.of(
            new CaptureTriggersMigration("13", "change capture of invoices and payments", List.of("invoices", "payments")),
            new CaptureTriggersMigration("15", "change capture of claims", List.of("claims")),
            new CaptureTriggersMigration("18", "change capture of inventory items", List.of("inventory_items")),
            new CaptureTriggersMigration("21", "change capture of data subject requests",
                    List.of("gdpr_data_requests")));

    private final String version;
    private final String description;
    private final List<String> tables;

    CaptureTriggersMigration(String version, String description, List<String> tables) {
        this.version = version;
        this.description = description;
        this.tables = List.copyOf(tables);
    }

    List<String> tables() {
        return tables;
    }

    String sql() {
        return tables.stream().map(table -> CaptureTriggers.sql(CuraTables.named(table).orElseThrow()))
                .collect(Collectors.joining());
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(sql().getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(sql());
        }
    }
}
