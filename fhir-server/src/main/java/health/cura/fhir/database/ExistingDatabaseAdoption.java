package health.cura.fhir.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.core.io.ClassPathResource;

/**
 * Starts the server on a database the Cura EMR already runs on: its tables exist, with its data, and no migration of
 * ours has run. Flyway's V1 to V3 would fail there (plain {@code CREATE TABLE}) or break the other software
 * (constraints its rows may violate), so they are replaced, once, by an adoption that only adds what is missing:
 * V1's and V2's tables that do not exist yet, and V3's indexes (each skipped, with a warning, where a column it needs
 * is not there). It adds no foreign key, check or unique constraint to a table that exists: the other software's
 * rows (users of organization 0, two patients with one NHS number) must stay writable. The database is then
 * baselined at V3 and the later migrations, which only create tables of ours, run as on any database.
 * A database with our migration history, or without Cura tables at all, is migrated as usual.
 */
public final class ExistingDatabaseAdoption implements FlywayMigrationStrategy {

    /** The last migration the adoption stands in for. */
    public static final String ADOPTED_VERSION = "3";

    private static final Logger log = LoggerFactory.getLogger(ExistingDatabaseAdoption.class);
    private static final Pattern CREATE_TABLE = Pattern.compile("(?m)^CREATE TABLE (\\w+)");
    private static final Pattern CREATE_INDEX = Pattern.compile("(?m)^CREATE (UNIQUE )?INDEX (\\w+)");

    @Override
    public void migrate(Flyway flyway) {
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        String history = flyway.getConfiguration().getTable();
        if (needsAdoption(dataSource, history)) {
            adopt(dataSource);
            flyway.baseline();
        }
        flyway.migrate();
    }

    private static boolean needsAdoption(DataSource dataSource, String historyTable) {
        try (Connection connection = dataSource.getConnection()) {
            return !tableExists(connection, historyTable) && tableExists(connection, "organizations");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look at the database's tables", e);
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (var statement = connection.prepareStatement(
                "SELECT to_regclass('public.' || quote_ident(?)) IS NOT NULL")) {
            statement.setString(1, table);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** Everything in one transaction: a failure leaves the database as it was. */
    private static void adopt(DataSource dataSource) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String migration : List.of("V1__cura_documented_tables.sql", "V2__cura_referenced_tables.sql")) {
            for (String statement : statements(read(migration))) {
                Matcher table = CREATE_TABLE.matcher(statement);
                if (table.find()) {
                    tables.put(table.group(1), table.replaceFirst("CREATE TABLE IF NOT EXISTS $1"));
                }
            }
        }
        List<String> indexes = new ArrayList<>();
        for (String statement : statements(read("V3__cura_constraints_and_indexes.sql"))) {
            Matcher index = CREATE_INDEX.matcher(statement);
            if (index.find()) {
                indexes.add(index.replaceFirst("CREATE $1INDEX IF NOT EXISTS $2"));
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                int created = 0;
                for (Map.Entry<String, String> table : tables.entrySet()) {
                    if (!tableExists(connection, table.getKey())) {
                        sql.execute(table.getValue());
                        created++;
                        log.info("Existing Cura database: created missing table {}", table.getKey());
                    }
                }
                int indexed = 0;
                for (String statement : indexes) {
                    Savepoint before = connection.setSavepoint();
                    try {
                        sql.execute(statement);
                        indexed++;
                    } catch (SQLException e) {
                        connection.rollback(before);
                        log.warn("Existing Cura database: index not created ({}): {}", e.getSQLState(),
                                statement);
                    }
                }
                connection.commit();
                log.info("Adopted an existing Cura database: {} missing tables created, {} of {} indexes in place; "
                        + "no constraint added to existing tables", created, indexed, indexes.size());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not adopt the existing Cura database (SQLSTATE "
                    + e.getSQLState() + "); nothing was changed", e);
        }
    }

    /** The statements of a migration of ours: each ends with a semicolon at the end of a line; comments dropped. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String code = line.strip();
            if (code.startsWith("--") || code.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (code.endsWith(";")) {
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return statements;
    }

    private static String read(String migration) {
        try {
            return new String(new ClassPathResource("db/migration/" + migration).getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
