package health.cura.fhir.capture;

import health.cura.fhir.tables.CuraTable;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ServerOrigin;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V11: the change log and its triggers, written from the table registry. Every insert, update (that changes the row)
 * and delete of a table whose rows are FHIR resources is recorded in {@code cura_row_changes}, in the writer's own
 * transaction: table, row, clinic, operation, transaction id and time. The server's own writes of those rows (the
 * projection of FHIR writes) mark their transaction ({@link ServerOrigin}) and are not recorded, so a FHIR write never
 * comes back as a change. Flyway holds the generated SQL's checksum: a table mapped later gets its triggers from a
 * new {@link CaptureTriggersMigration}, never from an edit of this one's list.
 */
public final class ChangeLogMigration implements JavaMigration {

    /** The tables captured from V11 on; later ones get their triggers from a {@link CaptureTriggersMigration}. */
    static final List<String> TABLES = List.of("organizations", "users", "patients", "appointments", "consultations",
            "prescriptions", "lab_results", "medical_images", "gdpr_consents");

    /** Tables whose rows are resources, hence captured; the registry's, in its order. */
    static List<CuraTable> capturedTables() {
        return CuraTables.ALL.stream().filter(table -> table.resourceType().isPresent()).toList();
    }

    static String sql() {
        StringBuilder sql = new StringBuilder("""
                CREATE TABLE cura_row_changes (
                    id                 bigserial     PRIMARY KEY,
                    table_name         varchar(63)   NOT NULL,
                    row_id             integer       NOT NULL,
                    organization_id    integer,
                    operation          char(1)       NOT NULL CHECK (operation IN ('I', 'U', 'D')),
                    transaction_id     xid8          NOT NULL DEFAULT pg_current_xact_id(),
                    changed_at         timestamptz   NOT NULL DEFAULT clock_timestamp(),
                    attempts           integer       NOT NULL DEFAULT 0,
                    not_before         timestamptz   NOT NULL DEFAULT clock_timestamp(),
                    last_error         text
                );
                CREATE INDEX ix_cura_row_changes_due ON cura_row_changes (not_before, id);
                CREATE INDEX ix_cura_row_changes_row ON cura_row_changes (table_name, row_id, id);

                CREATE TABLE cura_parked_changes (
                    id                 bigint        PRIMARY KEY,
                    table_name         varchar(63)   NOT NULL,
                    row_id             integer       NOT NULL,
                    organization_id    integer,
                    operation          char(1)       NOT NULL,
                    transaction_id     xid8          NOT NULL,
                    changed_at         timestamptz   NOT NULL,
                    attempts           integer       NOT NULL,
                    reason             text          NOT NULL,
                    parked_at          timestamptz   NOT NULL DEFAULT clock_timestamp()
                );
                CREATE INDEX ix_cura_parked_changes_clinic ON cura_parked_changes (organization_id, parked_at);
                """);
        for (String table : TABLES) {
            sql.append(CaptureTriggers.sql(CuraTables.named(table).orElseThrow()));
        }
        return sql.toString();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("11");
    }

    @Override
    public String getDescription() {
        return "change capture of the mapped tables";
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
