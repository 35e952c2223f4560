package health.cura.fhir.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.conformance.ConformancePackage;
import health.cura.conformance.CuraProfile;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import org.springframework.stereotype.Component;

/**
 * {@code $validate} on a mapped type checks against the Cura profile unless the client names another
 * ({@code ?profile=}): it then answers what a create or update of the resource would answer.
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.VALIDATE)
@Interceptor
public class ValidateOperationProfile {

    private static final String PROFILE = "profile";

    /** Before HAPI binds the operation's parameters (which it does before the pre-handled pointcut). */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void defaultProfile(RequestDetails request) {
        if (!"$validate".equals(request.getOperation()) || request.getParameters().containsKey(PROFILE)) {
            return;
        }
        ConformancePackage.profileOf(request.getResourceName())
                .map(CuraProfile::url)
                .ifPresent(url -> request.addParameter(PROFILE, new String[] {url}));
    }
}
