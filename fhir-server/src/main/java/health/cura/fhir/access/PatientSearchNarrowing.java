package health.cura.fhir.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.grant.SmartScope;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;

/**
 * Adds the patient in context to the searches of a patient-context token, so that {@code GET Observation} means "this
 * patient's Observations" instead of being refused. The authorization rules still check every result.
 */
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUTHORIZE)
public class PatientSearchNarrowing extends SearchNarrowingInterceptor {

    @Override
    protected AuthorizedList buildAuthorizedList(RequestDetails request) {
        AccessGrant grant = RequestGrants.of(request).orElse(null);
        if (grant == null || grant.patient().isEmpty()) {
            return null;
        }
        boolean onlyPatientScopes = !grant.resourceScopes().isEmpty()
                && grant.resourceScopes().stream().allMatch(s -> s.context() == SmartScope.Context.PATIENT);
        return onlyPatientScopes ? new AuthorizedList().addCompartment("Patient/" + grant.patient().get()) : null;
    }
}
