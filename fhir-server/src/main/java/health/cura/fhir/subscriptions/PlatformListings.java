package health.cura.fhir.subscriptions;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the platform's owners look through: every clinic with its standing and current package, the packages on
 * offer, and the SaaS invoices. Reads only; the clinics' own records are not in it.
 */
public class PlatformListings {

    /** A clinic, its subscription (the latest) and its package, when it has one. */
    public record Clinic(String tenant, String name, String email, String organizationStatus,
            Optional<String> subscriptionStatus, Optional<String> packageName, Optional<LocalDateTime> periodEnd,
            boolean cancelAtPeriodEnd) {}

    public record Package(int id, String name, BigDecimal price, String billingCycle, boolean active,
            String features) {}

    public record Invoice(String number, String tenant, BigDecimal amount, String currency, String status,
            LocalDateTime issued, LocalDateTime due, Optional<LocalDateTime> paid) {}

    private final JdbcTemplate jdbc;

    public PlatformListings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Clinic> clinics() {
        return jdbc.query("""
                        SELECT o.subdomain, o.name, o.email, o.subscription_status, s.status, p.name,
                               s.current_period_end, s.cancel_at_period_end
                        FROM organizations o
                        LEFT JOIN LATERAL (SELECT * FROM saas_subscriptions s WHERE s.organization_id = o.id
                                           ORDER BY s.id DESC LIMIT 1) s ON true
                        LEFT JOIN saas_packages p ON p.id = s.package_id
                        WHERE o.subdomain IS NOT NULL
                        ORDER BY o.name, o.subdomain""",
                (rs, n) -> new Clinic(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                        Optional.ofNullable(rs.getTimestamp(7)).map(java.sql.Timestamp::toLocalDateTime),
                        rs.getBoolean(8)));
    }

    public List<Package> packages() {
        return jdbc.query("SELECT id, name, price, billing_cycle, is_active, features::text FROM saas_packages "
                        + "ORDER BY is_active DESC, price, name",
                (rs, n) -> new Package(rs.getInt(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6)));
    }

    /** The newest invoices first, of one clinic or all; at most {@code limit}. */
    public List<Invoice> invoices(Optional<String> tenant, int limit) {
        return jdbc.query("""
                        SELECT i.invoice_number, o.subdomain, i.amount, i.currency, i.status, i.issue_date,
                               i.due_date, i.paid_date
                        FROM saas_invoices i JOIN organizations o ON o.id = i.organization_id
                        WHERE (?::text IS NULL OR o.subdomain = ?)
                        ORDER BY i.issue_date DESC, i.id DESC LIMIT ?""",
                (rs, n) -> new Invoice(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toLocalDateTime(), rs.getTimestamp(7).toLocalDateTime(),
                        Optional.ofNullable(rs.getTimestamp(8)).map(java.sql.Timestamp::toLocalDateTime)),
                tenant.orElse(null), tenant.orElse(null), limit);
    }
}
