package health.cura.fhir.subscriptions;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The record of what the platform's owners (and the billing job, as {@link SaasBilling#ACTOR}) did, in
 * {@code cura_platform_actions}: the clinic it was done to, if any, what, why or with what, and who. Written in the
 * caller's transaction, so that an action that fails leaves no record.
 */
public class PlatformActions {

    private final JdbcTemplate jdbc;

    public PlatformActions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An action on a clinic. */
    public void onClinic(int organizationId, String action, String detail, String actor) {
        jdbc.update("INSERT INTO cura_platform_actions (organization_id, action, reason, actor) VALUES (?, ?, ?, ?)",
                organizationId, action, detail, actor);
    }

    /** An action on the platform itself: its packages, its settings. */
    public void onPlatform(String action, String detail, String actor) {
        jdbc.update("INSERT INTO cura_platform_actions (organization_id, action, reason, actor) VALUES (NULL, ?, ?, ?)",
                action, detail, actor);
    }
}
