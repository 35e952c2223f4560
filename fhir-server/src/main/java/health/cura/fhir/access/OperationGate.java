package health.cura.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.operations.DeclaredOperation;
import health.cura.fhir.operations.OperationCatalog;
import health.cura.fhir.operations.Where;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Refuses, naming it, a call of an operation that the {@link OperationCatalog} does not declare (HAPI's administrative
 * operations among them) or whose access rule does not admit the token here. The authorization rules would refuse
 * it too, with a message that names no operation.
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUTHORIZE)
@Interceptor
public class OperationGate {

    private final OperationCatalog operations;

    public OperationGate(OperationCatalog operations) {
        this.operations = operations;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (OperationCatalog.levelOf(operation).isEmpty()) {
            return;
        }
        String name = request.getOperation();
        Optional<DeclaredOperation> declared = operations.find(name, operation, request.getResourceName());
        if (declared.isEmpty()) {
            throw new ForbiddenOperationException("The operation " + name + " is not available on this server"
                    + (request.getResourceName() == null ? "" : " for " + request.getResourceName()));
        }
        Optional<AccessGrant> grant = RequestGrants.of(request);
        Where where = Where.of(request.getTenantId());
        if (grant.isPresent() && !declared.get().access().allows(grant.get(), where)) {
            throw new ForbiddenOperationException("This access token may not call " + name
                    + (where == Where.PLATFORM ? " on the platform's base" : " on this clinic's base"));
        }
    }
}
