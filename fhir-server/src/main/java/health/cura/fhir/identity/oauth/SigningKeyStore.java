package health.cura.fhir.identity.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import health.cura.fhir.identity.secrets.SecretCipher;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys tokens are signed with, kept in {@code cura_signing_keys} so that tokens survive a restart and every
 * instance of the server signs and checks with the same keys. The private half is stored encrypted.
 */
public final class SigningKeyStore {

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final TransactionTemplate transactions;

    public SigningKeyStore(JdbcTemplate jdbc, SecretCipher cipher, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    /** The active keys, creating the first one on a fresh database. */
    public JWKSet load() {
        List<JWK> keys = transactions.execute(status -> {
            // Two instances starting on a fresh database must not each create a key.
            jdbc.execute("LOCK TABLE cura_signing_keys IN EXCLUSIVE MODE");
            List<JWK> active = activeKeys();
            if (active.isEmpty()) {
                RSAKey created = generate();
                jdbc.update("INSERT INTO cura_signing_keys (key_id, private_key, public_key) VALUES (?, ?, ?)",
                        created.getKeyID(), cipher.encrypt(created.toJSONString()),
                        created.toPublicJWK().toJSONString());
                return List.<JWK>of(created);
            }
            return active;
        });
        return new JWKSet(keys);
    }

    private List<JWK> activeKeys() {
        return jdbc.query("SELECT private_key FROM cura_signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC",
                (rs, n) -> parse(cipher.decrypt(rs.getString(1))));
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key is not a JWK", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }
}
