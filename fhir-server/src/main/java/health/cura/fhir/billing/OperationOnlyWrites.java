package health.cura.fhir.billing;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.springframework.stereotype.Component;

/**
 * Payments are recorded by {@code Invoice/{id}/$record-payment} and {@code $refund} only, which check the balance,
 * lock the invoice and recognise a retried transaction id; a PaymentReconciliation written by REST, in a bundle or
 * by a conditional write would bypass all three, and is refused (405). Change capture brings other software's
 * payments in as before. (An insurer's decision is guarded likewise, by {@link ClaimResponseProjection}.)
 */
@Component
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.AUTHORIZE)
@Interceptor
public class OperationOnlyWrites {

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.AUTHORIZE_ORDER)
    public void creating(IBaseResource resource, RequestDetails request) {
        check(resource, request);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.AUTHORIZE_ORDER)
    public void updating(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        check(resource, request);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = Phase.AUTHORIZE_ORDER)
    public void deleting(IBaseResource resource, RequestDetails request) {
        check(resource, request);
    }

    private static void check(IBaseResource resource, RequestDetails request) {
        if (CapturedWrites.isCaptured(request) || BillingWrites.isBillingOperation(request)) {
            return;
        }
        if (resource instanceof PaymentReconciliation) {
            throw new MethodNotAllowedException("Payments are recorded with Invoice/{id}/$record-payment and "
                    + "refunded with Invoice/{id}/$refund; PaymentReconciliation is read-only over REST");
        }
    }
}
