package health.cura.fhir.access.roles;

/** What a role allows on a group of protected elements, e.g. {@code "patientSensitiveInfo": {"view": true}}. */
public record FieldAccess(boolean view, boolean edit) {

    public static final FieldAccess ALL = new FieldAccess(true, true);
}
