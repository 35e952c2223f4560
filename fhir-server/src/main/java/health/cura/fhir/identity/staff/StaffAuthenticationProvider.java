package health.cura.fhir.identity.staff;

import health.cura.fhir.audit.AuditEntry;
import health.cura.fhir.audit.AuditTrail;
import health.cura.fhir.audit.Requester;
import health.cura.fhir.mapping.practitioner.PractitionerProjection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Signs clinic staff in against {@code users}: in the clinic the form was for, active accounts only, with a password
 * (practitioners created over FHIR have none), and never from a place locked out after failed sign-ins
 * ({@link LoginFailures}).
 */
public final class StaffAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(StaffAuthenticationProvider.class);

    /** Compared against when there is no account, so that a missing account takes as long as a wrong password. */
    private final String decoyHash;
    private final StaffAccounts accounts;
    private final PlatformOwners owners;
    private final LoginFailures failures;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;

    public StaffAuthenticationProvider(
            StaffAccounts accounts, PlatformOwners owners, LoginFailures failures, PasswordEncoder passwords,
            AuditTrail audit) {
        this.accounts = accounts;
        this.owners = owners;
        this.failures = failures;
        this.passwords = passwords;
        this.audit = audit;
        this.decoyHash = passwords.encode("decoy password nobody has");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication.getDetails() instanceof TenantLoginDetails details) || details.tenant() == null) {
            throw new BadCredentialsException("Sign in through a clinic's sign-in page");
        }
        String username = String.valueOf(authentication.getPrincipal());
        String password = String.valueOf(authentication.getCredentials());
        String principal = StaffAccount.principalName(details.tenant(), username);
        if (failures.isLocked(principal, details.ipAddress())) {
            audited(details, username, Optional.empty(), "locked");
            throw new LockedException("Sign-in from here is locked after repeated failed sign-ins; try again later");
        }
        boolean platform = StaffAccount.PLATFORM.equals(details.tenant());
        Optional<StaffAccount> found = platform ? owners.find(username) : accounts.find(details.tenant(), username);
        Optional<String> usableHash = found
                .map(StaffAccount::passwordHash)
                .filter(hash -> !PractitionerProjection.NO_PASSWORD.equals(hash));
        boolean matches = passwords.matches(password, usableHash.orElse(decoyHash)) && usableHash.isPresent();
        if (!matches) {
            failures.recordFailure(principal, details.ipAddress());
            audited(details, username, found.map(StaffAccount::id), "wrong username or password");
            throw new BadCredentialsException("Wrong username or password");
        }
        StaffAccount account = found.get();
        if (!account.active()) {
            audited(details, username, Optional.of(account.id()), "inactive account");
            throw new DisabledException("This account is not active");
        }
        failures.reset(principal, details.ipAddress());
        if (platform) {
            owners.recordSignIn(account);
        } else {
            accounts.recordSignIn(account);
        }
        List<SimpleGrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_" + account.role()));
        User user = new User(account.principalName(), "", authorities);
        UsernamePasswordAuthenticationToken signedIn =
                UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        // Stored with the grant, where only plain values may be kept: the clinic's name, not the form's details.
        signedIn.setDetails(details.tenant());
        return signedIn;
    }

    /** A refused sign-in goes to the clinic's audit trail, with the account when it exists. */
    private void audited(TenantLoginDetails details, String username, Optional<Integer> userRow, String reason) {
        if (StaffAccount.PLATFORM.equals(details.tenant())) {
            // The audit trail is the clinics' (every row names one); the platform's refusals go to the log.
            log.warn("Platform sign-in refused ({}) from {}", reason, details.ipAddress());
            return;
        }
        audit.write(List.of(new AuditEntry(details.tenant(), new Requester(userRow, Optional.of(username),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.ofNullable(details.ipAddress()),
                Optional.ofNullable(details.userAgent())), "login_failed", Optional.empty(), Optional.empty(),
                List.of(), "user", "4", Optional.of("Sign-in refused: " + reason), Optional.empty())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
