package health.cura.fhir.limits;

import java.util.OptionalDouble;

/** The request rate a client was registered with, when it has one of its own. */
@FunctionalInterface
public interface ClientRequestRates {

    OptionalDouble of(String clientId);
}
