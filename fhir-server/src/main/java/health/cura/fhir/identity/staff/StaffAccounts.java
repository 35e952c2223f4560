package health.cura.fhir.identity.staff;

import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.ServerOrigin;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads staff accounts of a clinic from {@code users}. */
public final class StaffAccounts {

    private final JdbcTemplate jdbc;

    private final ResourceLinks links;

    public StaffAccounts(JdbcTemplate jdbc, ResourceLinks links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    /**
     * The clinic's account of that username. On a database the Cura EMR made, usernames need not be unique within a
     * clinic; a username two accounts share names neither (which one would be signed in is not knowable), and
     * SaaS owners' rows there ({@code is_saas_owner}, organization 0) are never staff of a clinic.
     */
    public Optional<StaffAccount> find(String tenant, String username) {
        List<StaffAccount> found = jdbc.query("""
                        SELECT u.id, u.organization_id, o.subdomain, u.username, u.password_hash, u.is_active, u.role
                        FROM users u JOIN organizations o ON o.id = u.organization_id
                        WHERE o.subdomain = ? AND u.username = ? AND NOT u.is_saas_owner
                        LIMIT 2""",
                (rs, n) -> new StaffAccount(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getString(7)),
                tenant, username);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** The Practitioner that represents the account in FHIR, if the account has one. */
    public Optional<String> practitionerId(StaffAccount account) {
        return links.resourceId(account.organizationId(), "users", account.id(), "Practitioner");
    }

    /** The sign-in time is no part of the account's Practitioner: the write is the server's, not a change to capture. */
    public void recordSignIn(StaffAccount account) {
        jdbc.update("UPDATE users u SET last_login_at = now() FROM " + ServerOrigin.markingFromItem()
                        + " WHERE u.id = ? AND u.organization_id = ?",
                account.id(), account.organizationId());
    }
}
