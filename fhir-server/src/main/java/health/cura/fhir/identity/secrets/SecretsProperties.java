package health.cura.fhir.identity.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that encrypts secrets at rest (integration tokens, the token signing key).
 *
 * @param encryptionKey a 256-bit AES key, Base64; set it in production (from a secret store, never in a file next to
 *                      the data)
 * @param keyFile       used only when no key is set: the key is read from this file, or generated into it on first
 *                      start, so a developer's server keeps working across restarts
 * @param sealInterval  how often integration tokens that other software stored in the clear are encrypted
 */
@ConfigurationProperties("cura.secrets")
public record SecretsProperties(
        @DefaultValue("") String encryptionKey,
        @DefaultValue("./data/encryption.key") String keyFile,
        @DefaultValue("PT5M") java.time.Duration sealInterval) {}
