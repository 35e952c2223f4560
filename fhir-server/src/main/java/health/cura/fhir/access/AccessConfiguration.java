package health.cura.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.searchparam.matcher.AuthorizationSearchParamMatcher;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import health.cura.fhir.operations.OperationCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What a token's scopes allow, as HAPI interceptors (the role check is in {@code access.roles}). */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {

    @Bean
    ScopeAuthorizationInterceptor scopeAuthorizationInterceptor(
            SearchParamMatcher searchParamMatcher, OperationCatalog operations, FhirContext fhir) {
        return new ScopeAuthorizationInterceptor(new AuthorizationSearchParamMatcher(searchParamMatcher), operations,
                fhir);
    }

    @Bean
    PatientSearchNarrowing patientSearchNarrowing() {
        return new PatientSearchNarrowing();
    }
}
