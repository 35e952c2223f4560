package health.cura.fhir.hapi;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Connections for schema migrations at startup (Flyway's and HAPI's), to the server's database but outside its pool:
 * the pool's connections carry request limits ({@code statement_timeout}) that a migration of a large existing
 * database must not be held to, and a migration's session settings must not return to the pool. They carry the same
 * {@code search_path} as the pool's.
 */
public final class MigrationConnections {

    private MigrationConnections() {}

    /** A new connection per borrow, closed by its borrower. */
    public static DataSource of(DataSource server) {
        return of(server, "");
    }

    /**
     * As {@link #of(DataSource)}, whose commits do not wait for the disk flush ({@code synchronous_commit off}): for a
     * migrator that commits each of its steps, a thousand of them on a new database. Its caller makes them durable
     * at the end with {@link #flush(DataSource)}.
     */
    public static DataSource unflushed(DataSource server) {
        return of(server, " -c synchronous_commit=off");
    }

    /**
     * Waits until everything committed so far is on disk: one commit that waits for its flush, and the write-ahead log
     * is flushed in order, so every earlier commit (an unflushed one too) is flushed with it.
     */
    public static void flush(DataSource server) {
        new JdbcTemplate(of(server)).queryForObject("SELECT txid_current()", Long.class);
    }

    private static DataSource of(DataSource server, String moreOptions) {
        HikariDataSource pool;
        try {
            pool = server.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            return server;
        }
        Properties properties = new Properties();
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("options", "-c search_path=" + HapiSchemaMigration.SCHEMA + ",public" + moreOptions);
        SimpleDriverDataSource migrations = new SimpleDriverDataSource(new Driver(), pool.getJdbcUrl());
        migrations.setConnectionProperties(properties);
        return migrations;
    }
}
