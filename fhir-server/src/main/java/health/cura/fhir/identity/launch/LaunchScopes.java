package health.cura.fhir.identity.launch;

import java.util.Collection;

/** The SMART launch scopes and the {@code launch} request parameter. */
public final class LaunchScopes {

    /** EHR launch: the app was opened from the EHR with a {@code launch} value. */
    public static final String EHR = "launch";
    /** Standalone launch: the user picks the patient while authorizing. */
    public static final String PATIENT = "launch/patient";
    /** The authorization request parameter naming the launch context. */
    public static final String PARAMETER = "launch";

    private LaunchScopes() {}

    public static boolean asksForPatient(Collection<String> scopes) {
        return scopes.contains(EHR) || scopes.contains(PATIENT);
    }
}
