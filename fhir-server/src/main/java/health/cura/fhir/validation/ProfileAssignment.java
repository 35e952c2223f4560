package health.cura.fhir.validation;

import health.cura.conformance.ConformancePackage;
import health.cura.conformance.CuraProfile;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * The profiles a write of a mapped type declares. Before validation, the Cura profile, so that the resource is
 * validated against it even when the client declared none or another. Once it has passed, the UK Core profile the Cura
 * one builds on, which outside validators can resolve: a stored resource claims, correctly, both profiles it conforms
 * to, and what the client declared stays too. The UK Core claim is taken out before validation (the Cura profile holds
 * all of its rules), so that no write is checked against it twice.
 */
final class ProfileAssignment {

    private ProfileAssignment() {
    }

    /** Whether the resource changed. */
    static boolean declareCura(IBaseResource resource) {
        Optional<CuraProfile> profile = profileOf(resource);
        if (profile.isEmpty()) {
            return false;
        }
        Resource r4 = (Resource) resource;
        boolean changed = profile.get().ukCoreProfile()
                .map(ukCore -> r4.getMeta().getProfile().removeIf(p -> ukCore.equals(p.getValue())))
                .orElse(false);
        if (!r4.getMeta().hasProfile(profile.get().url())) {
            r4.getMeta().addProfile(profile.get().url());
            changed = true;
        }
        return changed;
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
        return resource instanceof Resource r4 ? ConformancePackage.profileOf(r4) : Optional.empty();
    }
}
