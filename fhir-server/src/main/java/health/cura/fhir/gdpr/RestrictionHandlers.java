package health.cura.fhir.gdpr;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.access.roles.StaffPermissions;
import health.cura.fhir.access.roles.StaffRoles;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.grant.StaffAction;
import java.util.EnumSet;

/**
 * Who may see and change the records of a patient whose processing is restricted: a signed-in member of staff whose
 * role allows everything in the clinic's {@code gdpr} module (view, create, edit and delete). By the default roles
 * that is the clinic's administrators; a clinic gives its data protection officer such a role. Backend services and
 * apps act for no one who could weigh a restriction, and never see such records.
 */
public class RestrictionHandlers {

    private final StaffRoles roles;

    public RestrictionHandlers(StaffRoles roles) {
        this.roles = roles;
    }

    public boolean handles(RequestDetails request) {
        return RequestGrants.of(request).flatMap(AccessGrant::userRowId)
                .flatMap(user -> roles.of(request.getTenantId(), user))
                .filter(RestrictionHandlers::allowsAll)
                .isPresent();
    }

    private static boolean allowsAll(StaffPermissions permissions) {
        return EnumSet.allOf(StaffAction.class).stream()
                .allMatch(action -> permissions.allows(ClinicModules.GDPR, action));
    }
}
