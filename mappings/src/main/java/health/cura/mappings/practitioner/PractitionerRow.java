package health.cura.mappings.practitioner;

/**
 * The columns of a {@code users} row that a FHIR Practitioner owns. The staff member's role, department, specialty
 * and working times belong to PractitionerRole; the password, permissions and sign-in times to no FHIR resource.
 *
 * @param username null when the server is to assign one (a practitioner created through FHIR)
 * @param email empty when the Practitioner has no email address (the column is NOT NULL)
 */
public record PractitionerRow(String username, String email, String firstName, String lastName, boolean active) {}
