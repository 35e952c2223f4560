package health.cura.fhir.grant;

/** The four things a role may allow on a module, as the {@code roles.permissions} JSON names them. */
public enum StaffAction {
    VIEW("view"), CREATE("create"), EDIT("edit"), DELETE("delete");

    private final String key;

    StaffAction(String key) {
        this.key = key;
    }

    /** The property name in the permissions JSON. */
    public String key() {
        return key;
    }
}
