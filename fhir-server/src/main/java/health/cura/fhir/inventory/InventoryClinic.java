package health.cura.fhir.inventory;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.access.roles.StaffRoles;
import health.cura.fhir.billing.ClinicBilling;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.grant.SmartScope;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.mapping.ClinicSystemUser;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;

/** Who a stock operation acts for: the clinic of its base, its currency, and who its movements are recorded by. */
public class InventoryClinic {

    private final TenantDirectory tenants;
    private final ClinicBilling billing;
    private final ClinicSystemUser systemUser;
    private final StaffRoles roles;

    public InventoryClinic(TenantDirectory tenants, ClinicBilling billing, ClinicSystemUser systemUser,
            StaffRoles roles) {
        this.tenants = tenants;
        this.billing = billing;
        this.systemUser = systemUser;
        this.roles = roles;
    }

    /**
     * Refuses (403) a step of an operation that needs more than the operation's own access rule: a member of staff
     * whose role does not allow the action on inventory, a token that may not change items.
     */
    public void requireInventory(Tenant clinic, RequestDetails request, StaffAction action, String step) {
        AccessGrant grant = RequestGrants.of(request).orElseThrow(() ->
                new ForbiddenOperationException("Not signed in"));
        if (grant.userRowId().isPresent()) {
            boolean allowed = roles.of(clinic.subdomain(), grant.userRowId().get())
                    .map(permissions -> permissions.allows(ClinicModules.INVENTORY, action)).orElse(false);
            if (!allowed) {
                throw new ForbiddenOperationException("Your role may not " + action.key() + " inventory (" + step
                        + ")");
            }
        }
        if (!grant.changesAcrossClinic("Basic", SmartScope.Interaction.UPDATE)) {
            throw new ForbiddenOperationException("This token may not change inventory items (" + step + ")");
        }
    }

    public Tenant of(RequestDetails request) {
        return tenants.findBySubdomain(request.getTenantId())
                .orElseThrow(() -> new ResourceNotFoundException("No clinic " + request.getTenantId()));
    }

    public String currency(Tenant clinic) {
        return billing.terms(clinic.id()).currency();
    }

    /**
     * The {@code users} row a movement is recorded by: the signed-in member of staff, else (a backend service) the
     * clinic's system user.
     */
    public int recorder(Tenant clinic, RequestDetails request) {
        return RequestGrants.of(request).flatMap(AccessGrant::userRowId)
                .orElseGet(() -> systemUser.rowId(clinic.id(), clinic.subdomain()));
    }
}
