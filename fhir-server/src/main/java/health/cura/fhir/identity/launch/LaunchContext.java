package health.cura.fhir.identity.launch;

import java.time.Instant;
import java.util.Optional;

/**
 * The patient a SMART app is launched for.
 *
 * @param launchId the opaque value the app passes back as {@code launch}
 * @param tenant   the clinic (subdomain)
 * @param clientId the one app it is for; empty when any app of the clinic may use it
 * @param account  the staff account ({@code tenant/username}) it is for; empty when any of the clinic's staff may
 * @param patient  the FHIR id of the patient
 * @param created  when it was opened; it can start an authorization only for a short while after
 */
public record LaunchContext(
        String launchId, String tenant, Optional<String> clientId, Optional<String> account, String patient,
        Instant created) {}
