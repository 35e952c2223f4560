package health.cura.fhir.access.roles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.operations.OperationCatalog;
import health.cura.fhir.operations.RoleNeed;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Narrows what a signed-in staff member's token allows to what their role allows. The token's scopes say what the
 * app may do; the role says what the person may do; a request needs both. Backend services act for no person and
 * are governed by their scopes alone.
 * <ul>
 *   <li>Reading, searching and operating on a type whose module the role may not view is refused (403).
 *   <li>Resources of such types are left out of everything else shown ({@code _include}, {@code $everything},
 *       system-wide search and history), and protected elements the role may not view are taken out.
 *   <li>Creates, updates and deletes, by REST or inside bundles, need the module's {@code create}, {@code edit} or
 *       {@code delete}; a write that changes protected elements needs their {@code edit}.
 * </ul>
 */
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUTHORIZE)
@Interceptor
public final class RolePermissionInterceptor {

    private static final Set<RestOperationTypeEnum> READS = EnumSet.of(RestOperationTypeEnum.READ,
            RestOperationTypeEnum.VREAD, RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.HISTORY_INSTANCE,
            RestOperationTypeEnum.HISTORY_TYPE);

    private final FhirContext fhir;
    private final StaffRoles roles;
    private final ClinicModules modules;
    private final ProtectedFields fields;
    private final OperationCatalog operations;

    public RolePermissionInterceptor(FhirContext fhir, StaffRoles roles, ClinicModules modules, ProtectedFields fields,
            OperationCatalog operations) {
        this.fhir = fhir;
        this.operations = operations;
        this.roles = roles;
        this.modules = modules;
        this.fields = fields;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkRequest(RequestDetails request, RestOperationTypeEnum operation) {
        Optional<StaffPermissions> staff = permissionsOf(request);
        if (staff.isEmpty()) {
            return;
        }
        StaffPermissions permissions = staff.get();
        if (!permissions.active()) {
            throw new ForbiddenOperationException("This staff account is inactive or no longer exists");
        }
        String type = request.getResourceName();
        Optional<RoleNeed> operationNeeds = operations.find(request.getOperation(), operation, type)
                .map(declared -> declared.access().role());
        if (operationNeeds.isPresent()) {
            RoleNeed needs = operationNeeds.get();
            if (needs.targetType() && type != null) {
                require(permissions, type, StaffAction.VIEW);
            }
            for (RoleNeed need : everyNeed(needs)) {
                if (!need.targetType() && need.module().isPresent()
                        && !permissions.allows(need.module().get(), need.action())) {
                    throw refusal(permissions, need.action(), need.module().get(), request.getOperation());
                }
            }
            return;
        }
        if (type != null && READS.contains(operation)) {
            require(permissions, type, StaffAction.VIEW);
        }
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void filterShown(IPreResourceShowDetails shown, RequestDetails request) {
        Optional<StaffPermissions> staff = permissionsOf(request);
        if (staff.isEmpty()) {
            return;
        }
        for (int i = 0; i < shown.size(); i++) {
            IBaseResource resource = shown.getResource(i);
            if (resource == null) {
                continue;
            }
            if (!mayView(staff.get(), fhir.getResourceType(resource))) {
                shown.setResource(i, null);
            } else {
                IBaseResource visible = fields.shown(resource, staff.get());
                if (visible != resource) {
                    shown.setResource(i, visible);
                }
            }
        }
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.AUTHORIZE_ORDER)
    public void creating(IBaseResource resource, RequestDetails request) {
        permissionsOf(request).ifPresent(permissions -> {
            require(permissions, fhir.getResourceType(resource), StaffAction.CREATE);
            fields.checkWrite(null, resource, permissions);
        });
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.AUTHORIZE_ORDER)
    public void updating(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        permissionsOf(request).ifPresent(permissions -> {
            require(permissions, fhir.getResourceType(resource), StaffAction.EDIT);
            fields.checkWrite(previous, resource, permissions);
        });
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = Phase.AUTHORIZE_ORDER)
    public void deleting(IBaseResource resource, RequestDetails request) {
        permissionsOf(request).ifPresent(permissions ->
                require(permissions, fhir.getResourceType(resource), StaffAction.DELETE));
    }

    private boolean mayView(StaffPermissions permissions, String type) {
        return !modules.viewIsGoverned(type)
                || modules.of(type).map(module -> permissions.allows(module, StaffAction.VIEW)).orElse(true);
    }

    private void require(StaffPermissions permissions, String type, StaffAction action) {
        if (action == StaffAction.VIEW ? mayView(permissions, type)
                : modules.of(type).map(module -> permissions.allows(module, action)).orElse(true)) {
            return;
        }
        throw refusal(permissions, action, modules.of(type).orElseThrow(), type);
    }

    private static ForbiddenOperationException refusal(
            StaffPermissions permissions, StaffAction action, String module, String what) {
        return new ForbiddenOperationException("The role '" + permissions.role() + "' may not " + action.key() + " "
                + module + " (" + what + ")");
    }

    private static List<RoleNeed> everyNeed(RoleNeed needs) {
        List<RoleNeed> all = new ArrayList<>();
        all.add(needs);
        all.addAll(needs.also());
        return all;
    }

    /** The permissions of the staff member the request acts for; empty for backend services and the platform. */
    private Optional<StaffPermissions> permissionsOf(RequestDetails request) {
        if (request == null) {
            return Optional.empty();
        }
        Optional<AccessGrant> grant = RequestGrants.of(request);
        if (grant.isEmpty() || grant.get().userRowId().isEmpty() || grant.get().tenant().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(roles.of(grant.get().tenant().get(), grant.get().userRowId().get())
                .orElseGet(() -> RolePermissions.EMPTY.forStaff("(unknown)", false)));
    }
}
