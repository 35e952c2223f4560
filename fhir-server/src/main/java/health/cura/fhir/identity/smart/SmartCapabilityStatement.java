package health.cura.fhir.identity.smart;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * The security section of the CapabilityStatement as SMART App Launch describes it: the SMART-on-FHIR service code
 * and the authorization server's endpoints in the {@code oauth-uris} extension.
 */
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.RESPOND)
@Interceptor
public final class SmartCapabilityStatement {

    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final AuthorizationServerUrls urls;

    public SmartCapabilityStatement(AuthorizationServerUrls urls) {
        this.urls = urls;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void addSecurity(IBaseConformance generated, RequestDetails request) {
        if (!(generated instanceof CapabilityStatement statement)
                || !(request instanceof ServletRequestDetails servlet)) {
            return;
        }
        HttpServletRequest http = servlet.getServletRequest();
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
            security.setCors(true);
            security.getService().clear();
            security.addService(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(
                    "http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR",
                    "SMART-on-FHIR")));
            security.setDescription("OAuth 2 bearer tokens from the server's SMART authorization server; see "
                    + ".well-known/smart-configuration.");
            security.getExtension().removeIf(e -> OAUTH_URIS.equals(e.getUrl()));
            Extension uris = security.addExtension().setUrl(OAUTH_URIS);
            uris.addExtension("authorize", new UriType(urls.authorizationEndpoint(http)));
            uris.addExtension("token", new UriType(urls.tokenEndpoint(http)));
            if (!urls.introspectionEndpoint(http).isBlank()) {
                uris.addExtension("introspect", new UriType(urls.introspectionEndpoint(http)));
            }
            if (!urls.revocationEndpoint(http).isBlank()) {
                uris.addExtension("revoke", new UriType(urls.revocationEndpoint(http)));
            }
        }
    }
}
