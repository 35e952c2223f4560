package health.cura.fhir.hapi;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;
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
        properties.setProperty("options", "-c search_path=" + HapiSchemaMigration.SCHEMA + ",public");
        SimpleDriverDataSource migrations = new SimpleDriverDataSource(new Driver(), pool.getJdbcUrl());
        migrations.setConnectionProperties(properties);
        return migrations;
    }
}
