package health.cura.fhir.identity.staff;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform's owners ({@code saas_owners}): a separate identity from any clinic's staff. They sign in on the
 * platform's page ({@code DEFAULT}) and get platform tokens, never a clinic's.
 */
public final class PlatformOwners {

    private final JdbcTemplate jdbc;

    public PlatformOwners(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The owner as a sign-in account; its role is {@code platform_owner} and it belongs to no clinic. */
    public Optional<StaffAccount> find(String username) {
        return jdbc.query("SELECT id, username, password, is_active FROM saas_owners WHERE username = ?",
                (rs, n) -> new StaffAccount(rs.getInt(1), 0, StaffAccount.PLATFORM, rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), "platform_owner"),
                username).stream().findFirst();
    }

    public void recordSignIn(StaffAccount owner) {
        jdbc.update("UPDATE saas_owners SET last_login_at = now() WHERE id = ?", owner.id());
    }
}
