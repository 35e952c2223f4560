package health.cura.fhir.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import health.cura.fhir.support.ServerTest;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The side pools commit as they are told, whatever the server's own sessions do: beside a server whose connections
 * commit without the flush (an operator's setting), the read-audit pool's commits still wait for it.
 */
class SideConnectionsTest extends ServerTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void flushedCommitsWaitForTheDiskBesideAServerWhoseCommitsDoNot() throws Exception {
        HikariDataSource ours = dataSource.unwrap(HikariDataSource.class);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(ours.getJdbcUrl());
        config.setUsername(ours.getUsername());
        config.setPassword(ours.getPassword());
        config.setMaximumPoolSize(1);
        config.setConnectionInitSql(ours.getConnectionInitSql() + "; SET synchronous_commit TO OFF");
        try (HikariDataSource server = new HikariDataSource(config)) {
            assertThat(new JdbcTemplate(server).queryForObject("SHOW synchronous_commit", String.class))
                    .isEqualTo("off");
            sidePools(server);
        }
    }

    private static void sidePools(DataSource server) throws Exception {
        try (SideConnections flushed = SideConnections.beside(server, "test-flushed", 1,
                SideConnections.Commits.FLUSHED, Duration.ofSeconds(1))) {
            assertThat(flushed.jdbc().queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
            assertThat(flushed.jdbc().queryForObject("SHOW search_path", String.class))
                    .as("the server's session settings too").contains("hapi");
        }
        try (SideConnections unflushed = SideConnections.beside(server, "test-unflushed", 1,
                SideConnections.Commits.UNFLUSHED, Duration.ofSeconds(1))) {
            assertThat(unflushed.jdbc().queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("off");
            assertThat(unflushed.jdbc().queryForObject("SHOW lock_timeout", String.class)).isEqualTo("1s");
        }
    }
}
