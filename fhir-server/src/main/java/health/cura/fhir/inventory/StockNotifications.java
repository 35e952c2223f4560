package health.cura.fhir.inventory;

import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.access.roles.StaffRoles;
import health.cura.fhir.grant.StaffAction;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tells the clinic's staff about its stock: a notification to each active member whose role may view inventory. */
public class StockNotifications {

    private final JdbcTemplate jdbc;
    private final StaffRoles roles;

    public StockNotifications(JdbcTemplate jdbc, StaffRoles roles) {
        this.jdbc = jdbc;
        this.roles = roles;
    }

    /** Returns how many were told. */
    public int tell(int organizationId, String subdomain, String title, String message, String link) {
        List<Integer> staff = jdbc.queryForList("""
                SELECT id FROM users WHERE organization_id = ? AND is_active AND NOT is_saas_owner
                ORDER BY id""", Integer.class, organizationId).stream()
                .filter(user -> roles.of(subdomain, user)
                        .map(permissions -> permissions.allows(ClinicModules.INVENTORY, StaffAction.VIEW))
                        .orElse(false))
                .toList();
        for (int user : staff) {
            jdbc.update("""
                    INSERT INTO notifications (organization_id, user_id, type, title, message, link)
                    VALUES (?, ?, 'alert', ?, ?, ?)""", organizationId, user, title, message, link);
        }
        return staff.size();
    }
}
