package health.cura.fhir.operations;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.operations.DeclaredOperation.Level;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.springframework.stereotype.Component;

/**
 * A base's CapabilityStatement lists the operations that can be called there, each with the canonical URL of its
 * stored definition, and no other: HAPI lists every operation it has a provider for, with definition URLs of its own
 * that cannot be resolved, its administrative operations among them.
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.RESPOND)
@Interceptor
public class OperationCapabilities {

    private final OperationCatalog operations;

    public OperationCapabilities(OperationCatalog operations) {
        this.operations = operations;
    }

    /**
     * On the answer, not where HAPI generates the statement: HAPI generates it once for all bases and keeps it a
     * while, and what a base lists depends on the base. The kept statement is left as it is; the answer is a copy.
     */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void listDeclared(RequestDetails request, ResponseDetails response) {
        if (request.getRestOperationType() != RestOperationTypeEnum.METADATA
                || !(response.getResponseResource() instanceof CapabilityStatement generated)) {
            return;
        }
        CapabilityStatement statement = generated.copy();
        response.setResponseResource(statement);
        Where where = Where.of(request.getTenantId());
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            rest.setOperation(declared(rest.getOperation(), where, EnumSet.of(Level.SYSTEM), null));
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                resource.setOperation(declared(resource.getOperation(), where,
                        EnumSet.of(Level.TYPE, Level.INSTANCE), resource.getType()));
            }
        }
    }

    private List<CapabilityStatementRestResourceOperationComponent> declared(
            List<CapabilityStatementRestResourceOperationComponent> listed, Where where, EnumSet<Level> levels,
            String type) {
        List<CapabilityStatementRestResourceOperationComponent> kept = new ArrayList<>();
        for (CapabilityStatementRestResourceOperationComponent entry : listed) {
            Optional<DeclaredOperation> declared = levels.stream()
                    .map(level -> operations.find("$" + entry.getName(), level, type))
                    .flatMap(Optional::stream)
                    .filter(operation -> operation.access().where().contains(where))
                    .findFirst();
            if (declared.isPresent() && kept.stream().noneMatch(k ->
                    k.getName().equals(entry.getName()) && k.getDefinition().equals(declared.get().definitionUrl()))) {
                kept.add(entry.setDefinition(declared.get().definitionUrl()));
            }
        }
        return kept;
    }
}
