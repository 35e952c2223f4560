package health.cura.fhir.security.staff;

/** A clinic staff member's sign-in details, from the {@code users} table. */
public record StaffAccount(
        int id, int organizationId, String tenant, String username, String passwordHash, boolean active, String role) {

    /** How the account is named to the authorization server: usernames are unique only within a clinic. */
    public String principalName() {
        return principalName(tenant, username);
    }

    public static String principalName(String tenant, String username) {
        return tenant + "/" + username;
    }
}
