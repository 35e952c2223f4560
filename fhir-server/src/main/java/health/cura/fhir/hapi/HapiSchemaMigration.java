package health.cura.fhir.hapi;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates and upgrades HAPI's own tables with HAPI's own migration tasks, in the {@value #SCHEMA} schema, apart from
 * the Cura tables (which Flyway keeps in {@code public}).
 *
 * <p>Connections carry {@code search_path = hapi, public} (see application.yaml), so HAPI's unqualified SQL finds its
 * tables and ours finds the Cura tables; the two sets share no names.
 */
public final class HapiSchemaMigration {

    public static final String SCHEMA = "hapi";
    private static final String MIGRATION_TABLE = "FLY_HFJ_MIGRATION";
    private static final Logger log = LoggerFactory.getLogger(HapiSchemaMigration.class);

    private HapiSchemaMigration() {}

    /**
     * Runs at startup, before HAPI's EntityManagerFactory is built, on {@link MigrationConnections} beside the pool
     * (whose search path it checks first).
     */
    public static void migrate(DataSource pool) {
        // HAPI's migrator commits each of its ~1,000 steps on a new database: waiting for a disk flush after each took
        // most of the migration's 28 s here; one flush at the end makes them all durable
        DataSource migrations = MigrationConnections.unflushed(pool);
        JdbcTemplate jdbc = new JdbcTemplate(migrations);
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        String current = new JdbcTemplate(pool).queryForObject("SELECT current_schema()", String.class);
        if (!SCHEMA.equals(current)) {
            throw new IllegalStateException("HAPI's tables belong in schema '" + SCHEMA + "' but connections resolve to '"
                    + current + "': set spring.datasource.hikari.connection-init-sql to SET search_path TO hapi, public");
        }

        HapiMigrator migrator = new HapiMigrator(MIGRATION_TABLE, migrations, DriverTypeEnum.POSTGRES_9_4);
        // Database partition mode puts the partition id into every HAPI primary key; the migrator must know it.
        Set<String> flags = Set.of(HapiFhirJpaMigrationTasks.FlagEnum.DB_PARTITION_MODE.getCommandLineValue());
        migrator.addTasks(new HapiFhirJpaMigrationTasks(flags).getAllTasks(VersionEnum.values()));
        migrator.createMigrationTableIfRequired();
        MigrationResult result = migrator.migrate();
        MigrationConnections.flush(pool);
        log.info("HAPI schema: {} change(s) applied", result.changes);
        requireDatabasePartitionMode(jdbc);
    }

    /**
     * HAPI's own check for a schema created in the other partition mode does nothing on PostgreSQL, and the mode cannot
     * be changed after the first start: refuse to run rather than corrupt a database made in the other mode.
     */
    static void requireDatabasePartitionMode(JdbcTemplate jdbc) {
        List<String> keyColumns = jdbc.queryForList(
                """
                SELECT a.attname FROM pg_index i
                  JOIN pg_class c ON c.oid = i.indrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
                 WHERE i.indisprimary AND n.nspname = ? AND c.relname = 'hfj_resource'
                """,
                String.class,
                SCHEMA);
        if (!keyColumns.contains("partition_id")) {
            throw new IllegalStateException("This database's HAPI schema was created without database partition mode "
                    + "(hfj_resource primary key " + keyColumns + "); Cura needs partition_id in HAPI's primary keys");
        }
    }
}
