package health.cura.fhir.identity.oauth;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.transaction.support.TransactionTemplate;

/** A clinic's registered OAuth clients: listed, and revoked (the client and every grant made to it removed). */
public final class ClinicClients {

    /** One client as its clinic sees it; never its keys or secrets. */
    public record Client(String clientId, String name, String kind, Set<String> scopes, Instant registered) {}

    private final JdbcTemplate jdbc;
    private final OAuth2AuthorizationService authorizations;
    private final TransactionTemplate transaction;

    public ClinicClients(JdbcTemplate jdbc, OAuth2AuthorizationService authorizations, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.authorizations = authorizations;
        this.transaction = transaction;
    }

    public List<Client> of(String tenant) {
        return jdbc.query("""
                        SELECT client_id, client_name, authorization_grant_types, client_authentication_methods,
                               scopes, client_id_issued_at
                        FROM oauth2_registered_client
                        WHERE client_settings::jsonb ->> ? = ?
                        ORDER BY client_id_issued_at DESC, client_id""",
                (rs, n) -> new Client(rs.getString(1), rs.getString(2), kind(rs.getString(3), rs.getString(4)),
                        new TreeSet<>(Arrays.asList(rs.getString(5).split(","))),
                        rs.getTimestamp(6).toInstant()),
                ClientSettingNames.TENANT, tenant);
    }

    /**
     * Removes the clinic's client and every grant made to it, so that its tokens stop working at once on this
     * server (on another, within the active-token cache's lifetime); false when the clinic has no such client.
     */
    public boolean revoke(String tenant, String clientId) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            List<String> found = jdbc.queryForList("SELECT id FROM oauth2_registered_client WHERE client_id = ? "
                    + "AND client_settings::jsonb ->> ? = ? FOR UPDATE", String.class, clientId,
                    ClientSettingNames.TENANT, tenant);
            if (found.isEmpty()) {
                return false;
            }
            String registeredId = found.get(0);
            for (String authorizationId : jdbc.queryForList("SELECT id FROM oauth2_authorization WHERE "
                    + "registered_client_id = ?", String.class, registeredId)) {
                OAuth2Authorization authorization = authorizations.findById(authorizationId);
                if (authorization != null) {
                    authorizations.remove(authorization);
                }
            }
            jdbc.update("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?", registeredId);
            jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ?", registeredId);
            return true;
        }));
    }

    private static String kind(String grantTypes, String authenticationMethods) {
        if (!grantTypes.contains("authorization_code")) {
            return "backend-service";
        }
        return authenticationMethods.contains("private_key_jwt") ? "confidential-app" : "public-app";
    }
}
