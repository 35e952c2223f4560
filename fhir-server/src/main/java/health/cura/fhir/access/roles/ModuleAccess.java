package health.cura.fhir.access.roles;

import health.cura.fhir.grant.StaffAction;

/** What a role allows on one module, e.g. {@code "patients": {"view": true, "create": true, ...}}. */
public record ModuleAccess(boolean view, boolean create, boolean edit, boolean delete) {

    public static final ModuleAccess NONE = new ModuleAccess(false, false, false, false);
    public static final ModuleAccess ALL = new ModuleAccess(true, true, true, true);
    public static final ModuleAccess VIEW_ONLY = new ModuleAccess(true, false, false, false);
    public static final ModuleAccess NO_DELETE = new ModuleAccess(true, true, true, false);

    public boolean allows(StaffAction action) {
        return switch (action) {
            case VIEW -> view;
            case CREATE -> create;
            case EDIT -> edit;
            case DELETE -> delete;
        };
    }
}
