package health.cura.fhir.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.cura.fhir.billing.quickbooks.QuickBooksConnections;
import health.cura.fhir.billing.quickbooks.QuickBooksTokens;
import health.cura.fhir.support.ServerTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** QuickBooks OAuth tokens are encrypted in {@code quickbooks_connections}, whoever wrote them. */
class QuickBooksTokenEncryptionTest extends ServerTest {

    @Autowired
    QuickBooksConnections connections;

    @Test
    void tokensAreStoredEncryptedAndReadBackInTheClear() {
        int clinic = organizationId(newTenant("qbo"));
        String realm = "realm-" + UUID.randomUUID();
        Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        connections.connect(clinic, realm, new QuickBooksTokens("access-secret-1", "refresh-secret-1", expiry),
                "Riverside Ltd", "GB");

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT access_token, refresh_token FROM quickbooks_connections WHERE realm_id = ?", realm);
        assertThat((String) row.get("access_token")).startsWith("enc:v1:").doesNotContain("access-secret-1");
        assertThat((String) row.get("refresh_token")).startsWith("enc:v1:").doesNotContain("refresh-secret-1");
        assertThat(connections.tokens(clinic, realm)).contains(
                new QuickBooksTokens("access-secret-1", "refresh-secret-1", expiry));
    }

    @Test
    void aCompanyStaysWithItsClinicAndACopiedTokenDoesNotDecryptElsewhere() {
        int first = organizationId(newTenant("qbo-first"));
        int second = organizationId(newTenant("qbo-second"));
        String realm = "realm-" + UUID.randomUUID();
        connections.connect(first, realm, new QuickBooksTokens("a", "r", null), null, null);
        assertThatThrownBy(() -> connections.connect(second, realm, new QuickBooksTokens("x", "y", null), null, null))
                .hasMessageContaining("another clinic");
        assertThat(connections.tokens(first, realm).orElseThrow().accessToken()).isEqualTo("a");

        String otherRealm = "realm-" + UUID.randomUUID();
        connections.connect(second, otherRealm, new QuickBooksTokens("b", "s", null), null, null);
        jdbc.update("UPDATE quickbooks_connections SET access_token = (SELECT access_token FROM quickbooks_connections "
                + "WHERE realm_id = ?) WHERE realm_id = ?", realm, otherRealm);
        assertThatThrownBy(() -> connections.tokens(second, otherRealm))
                .hasMessageContaining("cannot be decrypted").hasMessageNotContaining("enc:v1:");
    }

    @Test
    void tokensWrittenInTheClearByOtherSoftwareAreSealed() {
        int clinic = organizationId(newTenant("qbo-legacy"));
        String realm = "realm-" + UUID.randomUUID();
        jdbc.update("INSERT INTO quickbooks_connections (organization_id, realm_id, access_token, refresh_token) "
                + "VALUES (?, ?, 'plain-access', 'plain-refresh')", clinic, realm);
        assertThat(connections.tokens(clinic, realm).orElseThrow().accessToken()).isEqualTo("plain-access");

        connections.sealPlaintextTokens(); // the server also runs it every few minutes

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT access_token, refresh_token FROM quickbooks_connections WHERE realm_id = ?", realm);
        assertThat((String) row.get("access_token")).startsWith("enc:v1:");
        assertThat((String) row.get("refresh_token")).startsWith("enc:v1:");
        QuickBooksTokens tokens = connections.tokens(clinic, realm).orElseThrow();
        assertThat(tokens.accessToken()).isEqualTo("plain-access");
        assertThat(tokens.refreshToken()).isEqualTo("plain-refresh");
        assertThat(tokens.toString()).doesNotContain("plain");
    }
}
