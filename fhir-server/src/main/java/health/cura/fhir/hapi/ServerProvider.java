package health.cura.fhir.hapi;

/**
 * A Spring bean whose HAPI-annotated methods ({@code @Operation}, {@code @Read}, ...) the FHIR servlet serves. Our
 * operations are such beans (the {@code operations} package); so is the audit trail's AuditEvent provider, which takes
 * the place of HAPI's own for its type.
 */
public interface ServerProvider {}
