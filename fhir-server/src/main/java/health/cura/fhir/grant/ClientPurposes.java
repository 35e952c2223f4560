package health.cura.fhir.grant;

import java.util.Optional;

/**
 * What each client was registered for ({@code $register-client}'s {@code purpose}): care, research, marketing or
 * sharing. A client registered without one, or of another issuer, is a care client.
 */
public interface ClientPurposes {

    String CARE = "care";

    /** The declared purpose of a client; empty for care. */
    Optional<String> of(String clientId);
}
