package health.cura.fhir.identity.staff;

/**
 * The clinic a sign-in form was for (staff sign in to one clinic, where their username is unique), and where the
 * attempt came from, for the audit trail.
 */
public record TenantLoginDetails(String tenant, String ipAddress, String userAgent) {}
