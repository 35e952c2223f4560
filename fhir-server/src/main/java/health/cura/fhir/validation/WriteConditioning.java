package health.cura.fhir.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What every write of a mapped type is made to say before the repository validator checks it (its hooks have order
 * 0): the Cura profile declared ({@link ProfileAssignment}), NHS numbers as their digits
 * ({@link NhsNumberNormalization}), a prescription's silence on substitution stated ({@link SubstitutionStated}).
 * Once it has passed, it claims the UK Core profile it met. Each step says whether it changed the resource, so that
 * the validator checks the changed resource rather than the body the client sent ({@link RequestBody}).
 */
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.ASSIGN_PROFILE)
@Interceptor
public class WriteConditioning {

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.ASSIGN_PROFILE_ORDER)
    public void creating(IBaseResource resource) {
        condition(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.ASSIGN_PROFILE_ORDER)
    public void updating(IBaseResource oldResource, IBaseResource newResource) {
        condition(newResource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.DECLARE_CONFORMANCE_ORDER)
    public void created(IBaseResource resource) {
        ProfileAssignment.declareUkCore(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.DECLARE_CONFORMANCE_ORDER)
    public void updated(IBaseResource oldResource, IBaseResource newResource) {
        ProfileAssignment.declareUkCore(newResource);
    }

    static void condition(IBaseResource resource) {
        boolean changed = ProfileAssignment.declareCura(resource);
        changed |= NhsNumberNormalization.normalize(resource);
        changed |= SubstitutionStated.state(resource);
        if (changed) {
            RequestBody.forget(resource);
        }
    }
}
