package health.cura.fhir.access.roles;

import health.cura.fhir.grant.StaffAction;
import java.util.Map;

/**
 * What one staff member may do, from their role's {@code roles.permissions} with their own {@code users.permissions}
 * laid over it.
 *
 * <p>A module the permissions do not name is not allowed: a role grants what it lists. A field group they do not name
 * follows its module (whoever may view the patients module sees the patient's contact details unless the role says
 * otherwise), so roles written before field groups existed keep working.
 *
 * @param role    the role's name ({@code users.role}), for the messages a refused request gets
 * @param active  whether the account is still active ({@code users.is_active})
 * @param modules module name to what it allows
 * @param fields  field group name to what it allows
 */
public record StaffPermissions(
        String role, boolean active, Map<String, ModuleAccess> modules, Map<String, FieldAccess> fields) {

    public StaffPermissions {
        modules = Map.copyOf(modules);
        fields = Map.copyOf(fields);
    }

    public boolean allows(String module, StaffAction action) {
        return modules.getOrDefault(module, ModuleAccess.NONE).allows(action);
    }

    /** Access to a field group, which never exceeds access to the module that holds it. */
    public FieldAccess field(String group, String module) {
        FieldAccess declared = fields.get(group);
        boolean view = allows(module, StaffAction.VIEW) && (declared == null || declared.view());
        boolean edit = (allows(module, StaffAction.EDIT) || allows(module, StaffAction.CREATE))
                && (declared == null || declared.edit());
        return new FieldAccess(view, edit);
    }
}
