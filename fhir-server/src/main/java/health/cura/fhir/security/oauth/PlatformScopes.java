package health.cura.fhir.security.oauth;

/** Scopes that are not SMART resource scopes. */
public final class PlatformScopes {

    /** Platform (SaaS) operations such as creating a clinic; granted to platform clients only. */
    public static final String PLATFORM = "cura/platform";

    private PlatformScopes() {}
}
