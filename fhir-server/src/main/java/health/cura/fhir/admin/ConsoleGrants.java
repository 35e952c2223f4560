package health.cura.fhir.admin;

import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.GrantAuthentication;
import health.cura.fhir.grant.PlatformScopes;
import health.cura.fhir.grant.TokenClaims;
import health.cura.fhir.identity.staff.StaffAccount;
import health.cura.fhir.identity.staff.StaffAccounts;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The grant the console's FHIR requests carry: what a staff app signed in to by the same person would hold
 * ({@code user/*.cruds}, so that only their role narrows it, and {@code cura/clients} for the clinic's apps page,
 * which the role check still guards), or the platform's for its owners. The grant is built afresh for every request,
 * so an account made inactive or moved to another role stops at once.
 */
public final class ConsoleGrants {

    /** The client the console's requests are recorded under in the audit trail. */
    public static final String CLIENT_ID = "cura-admin-console";

    private static final Set<String> STAFF_SCOPES = Set.of("user/*.cruds", PlatformScopes.CLIENTS);
    private static final Set<String> PLATFORM_SCOPES = Set.of(PlatformScopes.PLATFORM);

    private final StaffAccounts accounts;

    public ConsoleGrants(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    /** The grant of a signed-in person; empty when their account is gone or no longer active. */
    public Optional<GrantAuthentication> of(ConsoleUser user) {
        if (user.platformOwner()) {
            AccessGrant grant = new AccessGrant(Optional.empty(), CLIENT_ID, user.principalName(), PLATFORM_SCOPES,
                    Optional.empty(), Optional.empty(), Optional.empty(), true);
            return Optional.of(GrantAuthentication.of(jwt(grant), grant));
        }
        return accounts.find(user.tenant(), user.username()).filter(StaffAccount::active).map(account -> {
            AccessGrant grant = new AccessGrant(Optional.of(user.tenant()), CLIENT_ID, account.principalName(),
                    STAFF_SCOPES, Optional.empty(), accounts.practitionerId(account).map(id -> "Practitioner/" + id),
                    Optional.of(account.id()), false);
            return GrantAuthentication.of(jwt(grant), grant);
        });
    }

    /** The grant's claims in the shape of an access token: nothing outside this server ever sees it. */
    private static Jwt jwt(AccessGrant grant) {
        Instant now = Instant.now();
        Jwt.Builder jwt = Jwt.withTokenValue("console-session").header("alg", "none").subject(grant.subject())
                .issuedAt(now).expiresAt(now.plusSeconds(60))
                .claim(TokenClaims.CLIENT_ID, grant.clientId())
                .claim(TokenClaims.SCOPE, String.join(" ", grant.scopes()));
        grant.tenant().ifPresent(tenant -> jwt.claim(TokenClaims.TENANT, tenant));
        grant.userRowId().ifPresent(row -> jwt.claim(TokenClaims.USER_ROW, row));
        grant.fhirUser().ifPresent(user -> jwt.claim(TokenClaims.FHIR_USER, user));
        if (grant.platform()) {
            jwt.claim(TokenClaims.PLATFORM, true);
        }
        return jwt.build();
    }
}
