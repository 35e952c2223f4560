package health.cura.conformance;

/**
 * A rule a profile adds to its resource, as a FHIRPath expression that every conforming resource satisfies.
 *
 * @param path the element it constrains (for example {@code Patient.identifier}): the validator reports a failure there
 * @param key the constraint key, unique within the package (for example {@code cura-nhs-1})
 * @param human what the rule asks for, in words a client can act on: the validator reports it when the rule fails
 */
public record CuraInvariant(String path, String key, String human, String expression) {}
