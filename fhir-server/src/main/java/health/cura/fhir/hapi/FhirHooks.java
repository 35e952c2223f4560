package health.cura.fhir.hapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring bean as one of our HAPI interceptors (its class carries HAPI's {@code @Interceptor} and
 * {@code @Hook} methods too). {@link HookRegistrar} registers every such bean, the one way interceptors are
 * registered: where its scope says, in the order of its phase.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface FhirHooks {

    HookScope scope();

    /** The phase of the pipeline the interceptor belongs to (its first, when its hooks serve several). */
    Phase phase();
}
