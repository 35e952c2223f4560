package health.cura.fhir.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.cura.conformance.ConformancePackage;
import health.cura.conformance.CuraProfile;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Declares the Cura profile on every write of a mapped type before the repository validator runs (its hooks have
 * order 0), so that it validates against our profile even when the client declared none or another. A resource the
 * server stores thus claims, correctly, the profile it was checked against; what the client declared stays too.
 */
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.ASSIGN_PROFILE)
@Interceptor
public class ProfileAssignment {

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.ASSIGN_PROFILE_ORDER)
    public void creating(IBaseResource resource) {
        declare(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.ASSIGN_PROFILE_ORDER)
    public void updating(IBaseResource oldResource, IBaseResource newResource) {
        declare(newResource);
    }

    static void declare(IBaseResource resource) {
        if (resource instanceof Resource r4) {
            ConformancePackage.profileOf(r4.fhirType()).map(CuraProfile::url).ifPresent(url -> {
                if (!r4.getMeta().hasProfile(url)) {
                    r4.getMeta().addProfile(url);
                    RequestBody.forget(r4);
                }
            });
        }
    }
}
