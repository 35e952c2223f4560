package health.cura.fhir.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.cura.conformance.ConformancePackage;
import health.cura.conformance.CuraProfile;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.springframework.stereotype.Component;

/**
 * Each clinic's CapabilityStatement names the Cura profile that writes of a mapped type are validated against; for
 * Basic, each kind's profile as a supported one (which applies is told by Basic.code).
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.RESPOND)
@Interceptor
public class CapabilityProfiles {

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void advertise(IBaseConformance capabilities) {
        if (!(capabilities instanceof CapabilityStatement statement)) {
            return;
        }
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                ConformancePackage.profileOf(resource.getType()).map(CuraProfile::url)
                        .ifPresent(resource::setProfile);
                for (CuraProfile profile : ConformancePackage.profilesOf(resource.getType())) {
                    if (resource.getSupportedProfile().stream().noneMatch(p -> profile.url().equals(p.getValue()))) {
                        resource.addSupportedProfile(profile.url());
                    }
                }
            }
        }
    }
}
