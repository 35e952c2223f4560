package health.cura.fhir.identity.oauth;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.PlatformScopes;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.operations.Where;
import java.util.EnumSet;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/{clinic}/$revoke-client}: removes one of the clinic's apps or backend services and every grant
 * made to it; its tokens stop working. The same access as registering, with a role that may delete settings.
 */
public class RevokeClientOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("revoke-client", "Revoke an app or backend service",
                    "Removes the clinic's OAuth client and every grant and token issued to it. At the clinic's base "
                            + "for its administrators' console; at DEFAULT, with tenant, for the platform.")
            .system()
            .changesState()
            .in("tenant", "string", 0, "1", "the clinic: required at DEFAULT, this clinic or left out at a clinic")
            .in("client_id", "string", 1, "1", "the client to revoke")
            .out("revoked", "boolean", 1, "1", "true")
            .build();

    private final ClinicClients clients;
    private final ClientTenants tenants;

    public RevokeClientOperation(ClinicClients clients, ClientTenants tenants) {
        this.clients = clients;
        this.tenants = tenants;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$revoke-client", idempotent = false)
    public Parameters revoke(@OperationParam(name = "tenant") StringType tenant,
            @OperationParam(name = "client_id", min = 1) StringType clientId, RequestDetails request) {
        String clinic = tenants.clinicOf(tenant, request);
        if (clientId.getValue() == null || clientId.getValue().isBlank()) {
            throw Refusals.badParameter("client_id", "client_id names the client to revoke");
        }
        if (!clients.revoke(clinic, clientId.getValue())) {
            throw new ResourceNotFoundException("The clinic has no client " + clientId.getValue());
        }
        return new Parameters().addParameter("revoked", new BooleanType(true));
    }

    @Override
    public OperationAccess access() {
        return new OperationAccess(EnumSet.allOf(Where.class), (grant, where) -> where == Where.PLATFORM
                ? grant.platform()
                : grant.scopes().contains(PlatformScopes.CLIENTS) && grant.userRowId().isPresent(),
                RoleNeed.of(ClinicModules.SETTINGS, StaffAction.DELETE), false);
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }
}
