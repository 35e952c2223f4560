package health.cura.fhir.identity.staff;

/** A sign-in account: a clinic staff member's ({@code users}) or a platform owner's ({@code saas_owners}). */
public record StaffAccount(
        int id, int organizationId, String tenant, String username, String passwordHash, boolean active, String role) {

    /** Where the platform's owners sign in: the shared partition, which is no clinic. */
    public static final String PLATFORM = "DEFAULT";

    public boolean platformOwner() {
        return PLATFORM.equals(tenant);
    }

    /** How the account is named to the authorization server: usernames are unique only within a clinic. */
    public String principalName() {
        return principalName(tenant, username);
    }

    public static String principalName(String tenant, String username) {
        return tenant + "/" + username;
    }
}
