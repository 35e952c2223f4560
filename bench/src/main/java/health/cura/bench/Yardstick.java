package health.cura.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database's own limit: the same {@code patients} rows the server writes, inserted by plain JDBC on the same
 * PostgreSQL, one row per transaction or a batch of rows per transaction. One connection per client.
 */
public final class Yardstick implements AutoCloseable {

    private static final String INSERT = "INSERT INTO patients (organization_id, patient_id, first_name, last_name, "
            + "date_of_birth, gender_at_birth, phone, nhs_number, address, risk_level, is_active) "
            + "VALUES (?, ?, ?, ?, ?::date, ?, ?, ?, ?::jsonb, 'low', true)";

    private final Connection[] connections;
    private final int organizationId;
    private final AtomicLong next;

    /** @param next the numbering of the rows, shared by every yardstick of a run (patient numbers are unique) */
    public Yardstick(String jdbcUrl, String user, String password, int clients, int organizationId, AtomicLong next)
            throws SQLException {
        this.organizationId = organizationId;
        this.next = next;
        connections = new Connection[clients];
        for (int i = 0; i < clients; i++) {
            connections[i] = DriverManager.getConnection(jdbcUrl, user, password);
        }
    }

    /**
     * The database's durability settings, as a report line ("fsync on, full_page_writes on, synchronous_commit on"):
     * figures taken without them are not comparable with figures taken with them.
     */
    public static String durability(String jdbcUrl, String user, String password) throws SQLException {
        List<String> settings = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            for (String name : List.of("fsync", "full_page_writes", "synchronous_commit")) {
                try (PreparedStatement show = connection.prepareStatement("SHOW " + name);
                        var rows = show.executeQuery()) {
                    rows.next();
                    settings.add(name + " " + rows.getString(1));
                }
            }
        }
        return String.join(", ", settings);
    }

    public static int organizationId(String jdbcUrl, String user, String password, String subdomain)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id FROM organizations WHERE subdomain = ?")) {
            query.setString(1, subdomain);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** One row, committed on its own. */
    public Operation singleRow() {
        return (client, iteration) -> {
            Connection connection = connections[client];
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                bind(insert, next.getAndIncrement());
                insert.executeUpdate();
            }
        };
    }

    /** {@code rows} rows in one JDBC batch and one transaction. */
    public Operation batch(int rows) {
        return (client, iteration) -> {
            Connection connection = connections[client];
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < rows; i++) {
                    bind(insert, next.getAndIncrement());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        };
    }

    private void bind(PreparedStatement insert, long index) throws SQLException {
        insert.setInt(1, organizationId);
        insert.setString(2, "Y" + index);
        insert.setString(3, "Yard");
        insert.setString(4, TestPatients.family(index));
        insert.setString(5, TestPatients.birthDate(index));
        insert.setString(6, index % 2 == 0 ? "female" : "male");
        insert.setString(7, "07700 900000");
        insert.setString(8, TestPatients.nhsNumber(index));
        insert.setString(9, "{\"line1\":\"1 High Street\",\"city\":\"Leeds\",\"postcode\":\"LS1 4AB\"}");
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
