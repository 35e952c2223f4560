package health.cura.fhir.grant;

/** Scopes that are not SMART resource scopes. */
public final class PlatformScopes {

    /** Platform (SaaS) operations such as creating a clinic; granted to platform clients only. */
    public static final String PLATFORM = "cura/platform";

    /**
     * Managing a clinic's OAuth clients ({@code $register-client} at the clinic's URL). Only an app signed in to by a
     * member of staff whose role may create {@code settings} can use it.
     */
    public static final String CLIENTS = "cura/clients";

    private PlatformScopes() {}
}
