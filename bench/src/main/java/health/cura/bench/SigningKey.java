package health.cura.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * An RSA key a backend client signs its SMART client assertions with (RS384), and its public JWKS for registration.
 * Kept to the JDK so the harness needs no JOSE library.
 */
public final class SigningKey {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String kid;

    private SigningKey(PrivateKey privateKey, RSAPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.kid = UUID.nameUUIDFromBytes(publicKey.getEncoded()).toString();
    }

    public static SigningKey generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        return new SigningKey(pair.getPrivate(), (RSAPublicKey) pair.getPublic());
    }

    /** Reads a key written by {@link #save}: the private key (PKCS#8) and the public key (X.509), base64, a line each. */
    public static SigningKey load(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        return new SigningKey(
                rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))),
                (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))));
    }

    public void save(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(privateKey.getEncoded()) + "\n"
                + Base64.getEncoder().encodeToString(publicKey.getEncoded()) + "\n");
    }

    public String publicJwks() {
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"RS384\",\"n\":\""
                + URL.encodeToString(unsigned(publicKey.getModulus())) + "\",\"e\":\""
                + URL.encodeToString(unsigned(publicKey.getPublicExponent())) + "\"}]}";
    }

    /** A client assertion for the token endpoint, valid for four minutes. */
    public String assertion(String clientId, String tokenEndpoint) throws GeneralSecurityException {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS384\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String claims = "{\"iss\":\"" + clientId + "\",\"sub\":\"" + clientId + "\",\"aud\":\"" + tokenEndpoint
                + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + now + ",\"exp\":" + (now + 240) + "}";
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA384withRSA");
        signature.initSign(privateKey);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + URL.encodeToString(signature.sign());
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    /** {@code SigningKey <file>}: writes a new key to the file and prints its public JWKS (used by {@code bench/run}). */
    public static void main(String[] args) throws Exception {
        SigningKey key = generate();
        key.save(Path.of(args[0]));
        System.out.println(key.publicJwks());
    }
}
