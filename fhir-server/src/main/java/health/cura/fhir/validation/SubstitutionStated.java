package health.cura.fhir.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * UK Core requires {@code MedicationRequest.substitution} (1..1); R4 leaves it optional, and says that when it is
 * absent "substitution may be done". Most R4 prescriptions (Synthea's, most EHRs') leave it out. Rather than refuse
 * them, the server states what their absence means, {@code substitution.allowedBoolean = true}, before validation: the
 * stored prescription says the same as the one sent, and conforms to UK Core.
 */
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.ASSIGN_PROFILE)
@Interceptor
public class SubstitutionStated {

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.ASSIGN_PROFILE_ORDER)
    public void creating(IBaseResource resource) {
        state(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.ASSIGN_PROFILE_ORDER)
    public void updating(IBaseResource oldResource, IBaseResource newResource) {
        state(newResource);
    }

    static void state(IBaseResource resource) {
        if (resource instanceof MedicationRequest request && !request.hasSubstitution()) {
            request.getSubstitution().setAllowed(new BooleanType(true));
            RequestBody.forget(request);
        }
    }
}
