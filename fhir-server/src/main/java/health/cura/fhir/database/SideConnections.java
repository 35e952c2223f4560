package health.cura.fhir.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A small pool on the same database and account as the server's pool but apart from it, for short statements that
 * must neither queue behind requests for the server's connections nor join a request's transaction (reads' audit rows,
 * the clinics' number counters). Not a {@link DataSource} bean, so the server's own data source stays the only one.
 */
public final class SideConnections implements AutoCloseable {

    private final HikariDataSource pool;

    private SideConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    /** How the pool's commits end. */
    public enum Commits {
        /** Each commit waits until its log record is on disk, whatever the database's default: what must not be lost. */
        FLUSHED,
        /**
         * Commits return before the flush. For what a later flushed commit covers anyway: PostgreSQL writes its log in
         * order, so the write that used a drawn number makes the draw durable too.
         */
        UNFLUSHED
    }

    /**
     * @param commits     whether each commit waits for the disk flush
     * @param lockTimeout how long a statement may wait for a row lock before it fails: a side statement that waits for a
     *                    row a request's own transaction holds would otherwise wait for ever, since that request waits
     *                    for it in turn
     */
    public static SideConnections beside(DataSource serverDataSource, String name, int size, Commits commits,
            Duration lockTimeout) throws SQLException {
        HikariDataSource server = serverDataSource.unwrap(HikariDataSource.class);
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(server.getJdbcUrl());
        config.setUsername(server.getUsername());
        config.setPassword(server.getPassword());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        String serverInit = server.getConnectionInitSql() == null ? "" : server.getConnectionInitSql() + "; ";
        // FLUSHED says so itself: a database whose default is off (a test database, an operator's choice) still
        // flushes these
        String commitMode = commits == Commits.UNFLUSHED ? "SET synchronous_commit TO OFF; "
                : "SET synchronous_commit TO ON; ";
        config.setConnectionInitSql(serverInit + commitMode + "SET lock_timeout TO " + lockTimeout.toMillis());
        return new SideConnections(new HikariDataSource(config));
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(pool);
    }

    /** Transactions on these connections alone, apart from the server's. */
    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    @Override
    public void close() {
        pool.close();
    }
}
