package health.cura.fhir.security.staff;

/** The clinic a sign-in form was for: staff sign in to one clinic, where their username is unique. */
public record TenantLoginDetails(String tenant) {}
