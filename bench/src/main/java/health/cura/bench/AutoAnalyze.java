package health.cura.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits, after a load, until PostgreSQL's autovacuum considers the tables a patient search reads analyzed: fewer rows
 * changed since their last analyze than its own threshold (50 rows and a tenth of the table). A clinic that grows over
 * weeks is searched with statistics of its size; searching straight after a bulk load would measure plans made for the
 * smaller clinic.
 */
final class AutoAnalyze {

    private static final String[] TABLES = {"hfj_resource", "hfj_spidx_string", "hfj_spidx_token", "hfj_spidx_date"};
    private static final Duration AT_MOST = Duration.ofMinutes(5);

    private final String url;
    private final String user;
    private final String password;

    AutoAnalyze(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void awaitAnalyzed() throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + AT_MOST.toNanos();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement stale = connection.prepareStatement("SELECT count(*) FROM pg_stat_user_tables"
                        + " WHERE relname = ANY (?) AND n_mod_since_analyze > 50 + 0.1 * n_live_tup")) {
            stale.setArray(1, connection.createArrayOf("text", TABLES));
            while (System.nanoTime() < deadline) {
                try (ResultSet count = stale.executeQuery()) {
                    count.next();
                    if (count.getInt(1) == 0) {
                        System.out.printf(Locale.ROOT, "autovacuum had analyzed the search tables %.0f s after the"
                                + " load%n", (System.nanoTime() - start) / 1e9);
                        return;
                    }
                }
                Thread.sleep(2_000);
            }
        }
        System.out.println("autovacuum had not analyzed every search table " + AT_MOST.toMinutes()
                + " min after the load; searching anyway");
    }
}
