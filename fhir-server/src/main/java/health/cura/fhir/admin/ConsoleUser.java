package health.cura.fhir.admin;

import health.cura.fhir.identity.staff.StaffAccount;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Who is signed in to a console: a member of one clinic's staff, or one of the platform's owners. Read from the
 * session's sign-in, whose name is {@code clinic/username} ({@code DEFAULT/...} for the platform).
 *
 * @param tenant   the clinic's subdomain, or {@code DEFAULT} for a platform owner
 * @param username the account's username
 */
public record ConsoleUser(String tenant, String username) {

    public static Optional<ConsoleUser> of(Authentication signedIn) {
        if (signedIn == null || !signedIn.isAuthenticated() || signedIn.getName() == null) {
            return Optional.empty();
        }
        String[] parts = signedIn.getName().split("/", 2);
        return parts.length == 2 ? Optional.of(new ConsoleUser(parts[0], parts[1])) : Optional.empty();
    }

    public boolean platformOwner() {
        return StaffAccount.PLATFORM.equals(tenant);
    }

    public boolean staffOf(String clinic) {
        return !platformOwner() && tenant.equals(clinic);
    }

    public String principalName() {
        return StaffAccount.principalName(tenant, username);
    }
}
