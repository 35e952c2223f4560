package health.cura.fhir.grant;

/** The claims Cura puts in its access tokens, beside the standard ones ({@code sub}, {@code scope}, {@code exp}). */
public final class TokenClaims {

    /** The clinic's subdomain. */
    public static final String TENANT = "tenant";
    /** The patient in context (SMART launch context), as a FHIR id. */
    public static final String PATIENT = "patient";
    /** The signed-in user as a FHIR reference (SMART {@code fhirUser}). */
    public static final String FHIR_USER = "fhirUser";
    /** The signed-in user's {@code users} row id. */
    public static final String USER_ROW = "cura_user";
    /** Present and true on tokens of the platform itself. */
    public static final String PLATFORM = "cura_platform";
    public static final String SCOPE = "scope";
    public static final String CLIENT_ID = "client_id";

    private TokenClaims() {}
}
