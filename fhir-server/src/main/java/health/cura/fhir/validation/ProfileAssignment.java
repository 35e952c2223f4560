package health.cura.fhir.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.cura.conformance.ConformancePackage;
import health.cura.conformance.CuraProfile;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Declares the profiles of every write of a mapped type. Before the repository validator runs (its hooks have order
 * 0), the Cura profile, so that it validates against it even when the client declared none or another. Once it has
 * passed, the UK Core profile the Cura one builds on, which outside validators can resolve: a resource the server
 * stores claims, correctly, both profiles it conforms to, and what the client declared stays too. The UK Core claim is
 * left out of validation (the Cura profile holds all of its rules), so that no write is checked against it twice.
 */
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.ASSIGN_PROFILE)
@Interceptor
public class ProfileAssignment {

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.ASSIGN_PROFILE_ORDER)
    public void creating(IBaseResource resource) {
        declareCura(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.ASSIGN_PROFILE_ORDER)
    public void updating(IBaseResource oldResource, IBaseResource newResource) {
        declareCura(newResource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.DECLARE_CONFORMANCE_ORDER)
    public void created(IBaseResource resource) {
        declareUkCore(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.DECLARE_CONFORMANCE_ORDER)
    public void updated(IBaseResource oldResource, IBaseResource newResource) {
        declareUkCore(newResource);
    }

    static void declareCura(IBaseResource resource) {
        profileOf(resource).ifPresent(profile -> {
            Resource r4 = (Resource) resource;
            boolean changed = profile.ukCoreProfile()
                    .map(ukCore -> r4.getMeta().getProfile().removeIf(p -> ukCore.equals(p.getValue())))
                    .orElse(false);
            if (!r4.getMeta().hasProfile(profile.url())) {
                r4.getMeta().addProfile(profile.url());
                changed = true;
            }
            if (changed) {
                RequestBody.forget(r4);
            }
        });
    }

    static void declareUkCore(IBaseResource resource) {
        profileOf(resource).flatMap(CuraProfile::ukCoreProfile).ifPresent(ukCore -> {
            Resource r4 = (Resource) resource;
            if (!r4.getMeta().hasProfile(ukCore)) {
                r4.getMeta().addProfile(ukCore);
            }
        });
    }

    private static Optional<CuraProfile> profileOf(IBaseResource resource) {
        return resource instanceof Resource r4 ? ConformancePackage.profileOf(r4.fhirType()) : Optional.empty();
    }
}
