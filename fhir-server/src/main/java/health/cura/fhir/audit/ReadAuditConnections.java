package health.cura.fhir.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A small pool for reads' audit rows, on the same database and account as the server's pool but apart from it (a
 * burst of reads does not queue behind requests for connections), whose connections set {@code synchronous_commit}
 * off for themselves: a read's audit row is one autocommitted insert. Not a {@link DataSource} bean, so the server's
 * own data source stays the only one.
 */
public final class ReadAuditConnections implements AutoCloseable {

    private static final int CONNECTIONS = 4;

    private final HikariDataSource pool;

    private ReadAuditConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    static ReadAuditConnections beside(DataSource serverDataSource) throws SQLException {
        HikariDataSource server = serverDataSource.unwrap(HikariDataSource.class);
        HikariConfig config = new HikariConfig();
        config.setPoolName("read-audit");
        config.setJdbcUrl(server.getJdbcUrl());
        config.setUsername(server.getUsername());
        config.setPassword(server.getPassword());
        config.setMaximumPoolSize(CONNECTIONS);
        config.setMinimumIdle(1);
        String serverInit = server.getConnectionInitSql() == null ? "" : server.getConnectionInitSql() + "; ";
        config.setConnectionInitSql(serverInit + "SET synchronous_commit TO OFF");
        return new ReadAuditConnections(new HikariDataSource(config));
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(pool);
    }

    /** Transactions on these connections alone, apart from the server's. */
    TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    @Override
    public void close() {
        pool.close();
    }
}
