package health.cura.fhir.billing.quickbooks;

import health.cura.fhir.identity.secrets.SecretCipher;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clinics' QuickBooks Online connections ({@code quickbooks_connections}), whose OAuth tokens are kept encrypted
 * with the server's secret key. Each token is bound to its clinic, company and column: copied into another row, it
 * does not decrypt. Tokens that other software wrote in the clear are sealed by {@link #sealPlaintextTokens()}.
 * {@code token_expiry} is a {@code timestamp} without zone; it holds UTC.
 */
public final class QuickBooksConnections {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SecretCipher cipher;

    public QuickBooksConnections(JdbcTemplate jdbc, TransactionTemplate transactions, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
    }

    /**
     * Records (or renews) the clinic's connection to a QuickBooks company, which becomes its only active one. A
     * company already connected to another clinic stays with it.
     */
    public void connect(int organizationId, String realmId, QuickBooksTokens tokens, String companyName, String country) {
        int written = jdbc.update("""
                INSERT INTO quickbooks_connections (organization_id, realm_id, access_token, refresh_token, token_expiry,
                                                    company_name, country, is_active)
                VALUES (?, ?, ?, ?, ?, ?, ?, true)
                ON CONFLICT (realm_id) DO UPDATE SET access_token = EXCLUDED.access_token,
                    refresh_token = EXCLUDED.refresh_token, token_expiry = EXCLUDED.token_expiry,
                    company_name = EXCLUDED.company_name, country = EXCLUDED.country, is_active = true,
                    updated_at = now()
                WHERE quickbooks_connections.organization_id = EXCLUDED.organization_id""",
                organizationId, realmId, seal(tokens.accessToken(), organizationId, realmId, "access_token"),
                seal(tokens.refreshToken(), organizationId, realmId, "refresh_token"), utc(tokens.expiry()),
                companyName, country);
        if (written != 1) {
            throw new IllegalStateException("This QuickBooks company is connected to another clinic");
        }
        // one company at a time: the clinic's earlier one (a sandbox before production) is disconnected
        jdbc.update("UPDATE quickbooks_connections SET is_active = false, updated_at = now() "
                + "WHERE organization_id = ? AND realm_id <> ? AND is_active", organizationId, realmId);
    }

    /** Replaces the tokens of the clinic's connection to the company (after a refresh). */
    public void renew(int organizationId, String realmId, QuickBooksTokens tokens) {
        jdbc.update("""
                UPDATE quickbooks_connections SET access_token = ?, refresh_token = ?, token_expiry = ?, updated_at = now()
                WHERE organization_id = ? AND realm_id = ?""",
                seal(tokens.accessToken(), organizationId, realmId, "access_token"),
                seal(tokens.refreshToken(), organizationId, realmId, "refresh_token"), utc(tokens.expiry()),
                organizationId, realmId);
    }

    /** The tokens of the clinic's active connection to the company, decrypted. */
    public Optional<QuickBooksTokens> tokens(int organizationId, String realmId) {
        return jdbc.query("""
                        SELECT access_token, refresh_token, token_expiry FROM quickbooks_connections
                        WHERE organization_id = ? AND realm_id = ? AND is_active""",
                (rs, n) -> new QuickBooksTokens(
                        open(rs.getString(1), organizationId, realmId, "access_token"),
                        open(rs.getString(2), organizationId, realmId, "refresh_token"),
                        rs.getTimestamp(3) == null ? null
                                : rs.getTimestamp(3).toLocalDateTime().toInstant(ZoneOffset.UTC)),
                organizationId, realmId).stream().findFirst();
    }

    /** Encrypts every token stored in the clear; returns how many rows it sealed. */
    public int sealPlaintextTokens() {
        List<Integer> ids = jdbc.queryForList("""
                SELECT id FROM quickbooks_connections
                WHERE (access_token IS NOT NULL AND access_token NOT LIKE 'enc:v1:%')
                   OR (refresh_token IS NOT NULL AND refresh_token NOT LIKE 'enc:v1:%')""", Integer.class);
        int sealed = 0;
        for (int id : ids) {
            Boolean done = transactions.execute(status -> jdbc.query("""
                            SELECT organization_id, realm_id, access_token, refresh_token FROM quickbooks_connections
                            WHERE id = ? FOR UPDATE""",
                    (rs, n) -> {
                        int organization = rs.getInt(1);
                        String realm = rs.getString(2);
                        jdbc.update("UPDATE quickbooks_connections SET access_token = ?, refresh_token = ? WHERE id = ?",
                                sealIfClear(rs.getString(3), organization, realm, "access_token"),
                                sealIfClear(rs.getString(4), organization, realm, "refresh_token"), id);
                        return true;
                    }, id).stream().findFirst().orElse(false));
            sealed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return sealed;
    }

    private String sealIfClear(String value, int organizationId, String realmId, String column) {
        return SecretCipher.isEncrypted(value) ? value : seal(value, organizationId, realmId, column);
    }

    private String seal(String value, int organizationId, String realmId, String column) {
        return cipher.encrypt(value, context(organizationId, realmId, column));
    }

    /** A token not yet sealed is read as it is; the next sealing run encrypts it. */
    private String open(String stored, int organizationId, String realmId, String column) {
        return SecretCipher.isEncrypted(stored) ? cipher.decrypt(stored, context(organizationId, realmId, column)) : stored;
    }

    private static String context(int organizationId, String realmId, String column) {
        return "quickbooks_connections/" + organizationId + "/" + realmId + "/" + column;
    }

    private static Timestamp utc(Instant instant) {
        return instant == null ? null : Timestamp.valueOf(instant.atOffset(ZoneOffset.UTC).toLocalDateTime());
    }
}
