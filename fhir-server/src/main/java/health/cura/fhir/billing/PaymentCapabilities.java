package health.cura.fhir.billing;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.springframework.stereotype.Component;

/**
 * Each clinic's CapabilityStatement says what {@link OperationOnlyWrites} enforces: PaymentReconciliation is read and
 * searched, never written over REST, and names the operations that record payments.
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.RESPOND)
@Interceptor
public class PaymentCapabilities {

    private static final Set<TypeRestfulInteraction> WRITES = Set.of(TypeRestfulInteraction.CREATE,
            TypeRestfulInteraction.UPDATE, TypeRestfulInteraction.PATCH, TypeRestfulInteraction.DELETE);

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void advertise(IBaseConformance capabilities) {
        if (!(capabilities instanceof CapabilityStatement statement)) {
            return;
        }
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                if (!"PaymentReconciliation".equals(resource.getType())) {
                    continue;
                }
                resource.getInteraction().removeIf(i -> WRITES.contains(i.getCode()));
                resource.setConditionalCreate(false).setConditionalUpdate(false)
                        .setConditionalDelete(CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
                resource.setDocumentation("Payments are recorded with Invoice/{id}/$record-payment and refunded with "
                        + "Invoice/{id}/$refund, which lock the invoice and check its balance; a REST write is 405.");
            }
        }
    }
}
