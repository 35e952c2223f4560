package health.cura.fhir.identity.oauth;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.PlatformScopes;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.operations.Where;
import java.util.Date;
import java.util.EnumSet;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET /fhir/{clinic}/$clients} (a clinic administrator's console: scope {@code cura/clients}, a role that may
 * view settings) or {@code /fhir/DEFAULT/$clients?tenant=} (the platform): the clinic's apps and backend services.
 */
public class ClientsOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("clients", "A clinic's apps and backend services",
                    "The OAuth clients registered for the clinic, newest first: id, name, kind and scopes (never "
                            + "their keys). At the clinic's base for its administrators' console; at DEFAULT, with "
                            + "tenant, for the platform.")
            .system()
            .in("tenant", "string", 0, "1", "the clinic: required at DEFAULT, this clinic or left out at a clinic")
            .out("client", null, 0, "*", "one per client")
            .part("clientId", "string", 1, "1", "its client_id")
            .part("name", "string", 1, "1", "its name")
            .part("kind", "code", 1, "1", "backend-service | public-app | confidential-app")
            .part("scope", "string", 1, "1", "the scopes it may ask for, space-separated")
            .part("registered", "instant", 1, "1", "when it was registered")
            .build();

    private final ClinicClients clients;
    private final ClientTenants tenants;

    public ClientsOperation(ClinicClients clients, ClientTenants tenants) {
        this.clients = clients;
        this.tenants = tenants;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$clients", idempotent = true)
    public Parameters clients(@OperationParam(name = "tenant") StringType tenant, RequestDetails request) {
        Parameters answer = new Parameters();
        for (ClinicClients.Client client : clients.of(tenants.clinicOf(tenant, request))) {
            Parameters.ParametersParameterComponent one = answer.addParameter().setName("client");
            one.addPart().setName("clientId").setValue(new StringType(client.clientId()));
            one.addPart().setName("name").setValue(new StringType(client.name()));
            one.addPart().setName("kind").setValue(new CodeType(client.kind()));
            one.addPart().setName("scope").setValue(new StringType(String.join(" ", client.scopes())));
            one.addPart().setName("registered").setValue(new InstantType(Date.from(client.registered())));
        }
        return answer;
    }

    @Override
    public OperationAccess access() {
        return new OperationAccess(EnumSet.allOf(Where.class), (grant, where) -> where == Where.PLATFORM
                ? grant.platform()
                : grant.scopes().contains(PlatformScopes.CLIENTS) && grant.userRowId().isPresent(),
                RoleNeed.of(ClinicModules.SETTINGS, StaffAction.VIEW), false);
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }
}
