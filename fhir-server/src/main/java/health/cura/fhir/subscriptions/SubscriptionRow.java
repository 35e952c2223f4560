package health.cura.fhir.subscriptions;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** A {@code saas_subscriptions} row with its package's price and cycle, read under the row's lock. Times in UTC. */
record SubscriptionRow(int id, int organizationId, int packageId, String packageName, BigDecimal price, String cycle,
        String status, LocalDateTime periodStart, LocalDateTime periodEnd, boolean cancelAtPeriodEnd,
        Optional<LocalDateTime> trialEnd, BigDecimal credit, Optional<String> paymentMethod) {

    private static final String SELECT = """
            SELECT s.id, s.organization_id, s.package_id, p.name, p.price, p.billing_cycle, s.status,
                   s.current_period_start, s.current_period_end, s.cancel_at_period_end, s.trial_end,
                   coalesce(s.metadata ->> 'credit', '0') AS credit, s.metadata ->> 'paymentMethod' AS method
            FROM saas_subscriptions s JOIN saas_packages p ON p.id = s.package_id""";

    /** The row, locked until the transaction ends; empty when there is none or another node holds it. */
    static Optional<SubscriptionRow> lock(JdbcTemplate jdbc, int id) {
        return jdbc.query(SELECT + " WHERE s.id = ? FOR UPDATE OF s SKIP LOCKED", SubscriptionRow::read, id).stream()
                .findFirst();
    }

    /** The clinic's latest subscription, locked until the transaction ends (waiting for another holder). */
    static Optional<SubscriptionRow> latestLocked(JdbcTemplate jdbc, int organizationId) {
        return jdbc.query(SELECT + " WHERE s.organization_id = ? ORDER BY s.id DESC LIMIT 1 FOR UPDATE OF s",
                SubscriptionRow::read, organizationId).stream().findFirst();
    }

    LocalDateTime nextEnd(LocalDateTime from) {
        return "yearly".equals(cycle) ? from.plusYears(1) : from.plusMonths(1);
    }

    private static SubscriptionRow read(ResultSet rs, int n) throws SQLException {
        Timestamp trial = rs.getTimestamp("trial_end");
        BigDecimal credit;
        try {
            credit = new BigDecimal(rs.getString("credit"));
        } catch (NumberFormatException e) {
            credit = BigDecimal.ZERO;
        }
        return new SubscriptionRow(rs.getInt("id"), rs.getInt("organization_id"), rs.getInt("package_id"),
                rs.getString("name"), rs.getBigDecimal("price"), rs.getString("billing_cycle"), rs.getString("status"),
                rs.getTimestamp("current_period_start").toLocalDateTime(),
                rs.getTimestamp("current_period_end").toLocalDateTime(), rs.getBoolean("cancel_at_period_end"),
                Optional.ofNullable(trial).map(Timestamp::toLocalDateTime), credit,
                Optional.ofNullable(rs.getString("method")));
    }
}
