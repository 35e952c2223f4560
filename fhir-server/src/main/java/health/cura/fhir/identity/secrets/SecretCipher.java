package health.cura.fhir.identity.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets stored in the database with AES-256-GCM. A stored value reads {@code enc:v1:} and the Base64 of a
 * fresh 96-bit nonce followed by the ciphertext and its tag, so tampering is detected and equal secrets never look
 * alike. A value may be bound to where it is stored (its {@code context}: table, row, column), so that a value copied
 * into another row does not decrypt there.
 */
public final class SecretCipher {

    static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecretKey key) {
        if (key.getEncoded().length != 32) {
            throw new IllegalArgumentException("The encryption key must be 256 bits");
        }
        this.key = key;
    }

    public String encrypt(String plaintext) {
        return encrypt(plaintext, null);
    }

    /** Encrypts a value that will decrypt only with the same {@code context}. */
    public String encrypt(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            bind(cipher, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String decrypt(String stored) {
        return decrypt(stored, null);
    }

    /** Decrypts a value encrypted with the same {@code context}. */
    public String decrypt(String stored, String context) {
        if (stored == null) {
            return null;
        }
        if (!isEncrypted(stored)) {
            throw new IllegalArgumentException("The stored value is not encrypted by this server");
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            bind(cipher, context);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Wrong key, altered data or another row's value: the message must not echo the value.
            throw new IllegalStateException("A stored secret cannot be decrypted with the configured key", e);
        }
    }

    private static void bind(Cipher cipher, String context) {
        if (context != null) {
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }
}
