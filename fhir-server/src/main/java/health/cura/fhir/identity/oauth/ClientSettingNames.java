package health.cura.fhir.identity.oauth;

/** Cura's own entries in a registered client's settings (stored with the client by Spring Authorization Server). */
public final class ClientSettingNames {

    /** The clinic (subdomain) the client belongs to; absent for platform clients. */
    public static final String TENANT = "cura.tenant";
    /** True for clients of the platform itself. */
    public static final String PLATFORM = "cura.platform";
    /** The client's public keys as an inline JWK Set, for {@code private_key_jwt}. */
    public static final String JWKS = "cura.jwks";

    /** The request rate the client was registered with, when not the server's default (an integer, per second). */
    public static final String REQUESTS_PER_SECOND = "cura.requests-per-second";

    /**
     * What the client was registered for, when not care: {@code research}, {@code marketing} or {@code sharing}. It
     * sees only the patients who gave the consent that purpose rests on.
     */
    public static final String PURPOSE = "cura.purpose";

    private ClientSettingNames() {}
}
