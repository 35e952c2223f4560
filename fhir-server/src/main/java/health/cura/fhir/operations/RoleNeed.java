package health.cura.fhir.operations;

import health.cura.fhir.grant.StaffAction;
import java.util.List;
import java.util.Optional;

/**
 * What a signed-in member of staff's role must allow for them to call an operation (backend services and the platform
 * act for no person, and only their token counts).
 *
 * @param module     the clinic module (the {@code roles.permissions} key) the action is on, when the operation names one
 * @param action     what the role must allow on it
 * @param targetType true when the need is {@code view} of the resource type the operation is called on instead
 * @param also       what the role must allow besides ({@code $dispense}: prescriptions edit and inventory create)
 */
public record RoleNeed(Optional<String> module, StaffAction action, boolean targetType, List<RoleNeed> also) {

    public RoleNeed {
        also = List.copyOf(also);
    }

    public RoleNeed(Optional<String> module, StaffAction action, boolean targetType) {
        this(module, action, targetType, List.of());
    }

    /** This need and another: the role must allow both. */
    public RoleNeed and(String otherModule, StaffAction otherAction) {
        List<RoleNeed> more = new java.util.ArrayList<>(also);
        more.add(of(otherModule, otherAction));
        return new RoleNeed(module, action, targetType, more);
    }

    /** The operation reads or changes nothing of the clinic's records (validation, terminology). */
    public static RoleNeed none() {
        return new RoleNeed(Optional.empty(), StaffAction.VIEW, false);
    }

    /** The operation shows records of the type it is called on ({@code Patient/$everything}). */
    public static RoleNeed viewOfTargetType() {
        return new RoleNeed(Optional.empty(), StaffAction.VIEW, true);
    }

    public static RoleNeed of(String module, StaffAction action) {
        return new RoleNeed(Optional.of(module), action, false);
    }
}
