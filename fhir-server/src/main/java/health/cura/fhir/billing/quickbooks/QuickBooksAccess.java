package health.cura.fhir.billing.quickbooks;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A clinic's QuickBooks company and a valid access token for it. A token about to expire (or refused) is refreshed
 * under a lock of the connection's row, so that two nodes never spend one refresh token twice (Intuit rotates it):
 * the second finds the first's new tokens and uses them.
 */
public class QuickBooksAccess {

    /** The company a clinic pushes to. */
    public record Company(String realmId) {}

    private static final Duration EARLY = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final QuickBooksConnections connections;
    private final QuickBooksApi api;
    private final Clock clock;

    public QuickBooksAccess(JdbcTemplate jdbc, TransactionTemplate transactions, QuickBooksConnections connections,
            QuickBooksApi api, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.connections = connections;
        this.api = api;
        this.clock = clock;
    }

    /** The clinic's active connection, the latest if it has several. */
    public Optional<Company> company(int organizationId) {
        return jdbc.queryForList("""
                SELECT realm_id FROM quickbooks_connections WHERE organization_id = ? AND is_active
                ORDER BY updated_at DESC, id DESC LIMIT 1""", String.class, organizationId).stream().findFirst()
                .map(Company::new);
    }

    /** Calls QuickBooks with the company's access token; a token QuickBooks refuses is refreshed once. */
    public <T> T call(int organizationId, Company company, Function<String, T> call) {
        String token = token(organizationId, company, false);
        try {
            return call.apply(token);
        } catch (QuickBooksFault fault) {
            if (!fault.unauthorized()) {
                throw fault;
            }
            return call.apply(token(organizationId, company, true));
        }
    }

    private String token(int organizationId, Company company, boolean refused) {
        QuickBooksTokens tokens = current(organizationId, company);
        if (!refused && fresh(tokens)) {
            return tokens.accessToken();
        }
        return transactions.execute(status -> {
            jdbc.queryForList("SELECT id FROM quickbooks_connections WHERE organization_id = ? AND realm_id = ? "
                    + "FOR UPDATE", Integer.class, organizationId, company.realmId());
            QuickBooksTokens now = current(organizationId, company);
            if (!now.accessToken().equals(tokens.accessToken()) && fresh(now)) {
                return now.accessToken();
            }
            QuickBooksTokens renewed = api.refresh(now.refreshToken());
            connections.renew(organizationId, company.realmId(), renewed);
            return renewed.accessToken();
        });
    }

    private QuickBooksTokens current(int organizationId, Company company) {
        QuickBooksTokens tokens = connections.tokens(organizationId, company.realmId()).orElseThrow(() ->
                new QuickBooksFault(401, "The clinic's QuickBooks connection is gone; connect again", false));
        if (tokens.accessToken() == null || tokens.refreshToken() == null) {
            throw new QuickBooksFault(401, "The clinic's QuickBooks connection has no tokens; connect again", false);
        }
        return tokens;
    }

    private boolean fresh(QuickBooksTokens tokens) {
        return tokens.expiry() != null && tokens.expiry().isAfter(clock.instant().plus(EARLY));
    }
}
