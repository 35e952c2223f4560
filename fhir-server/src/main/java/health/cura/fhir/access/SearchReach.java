package health.cura.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.hapi.SearchOperations;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A search may look into other types than the one it returns: {@code _has:Observation:subject:value-string=...} asks
 * about Observations, {@code subject:Patient.name=...} about Patients, {@code _revinclude=Observation:subject} returns
 * Observations. HAPI's authorization rules check only the resources an answer carries, so a token with
 * {@code system/Patient.rs} alone could learn Observation values from which Patients match. Each type a search reaches
 * into must be one the token's scopes read; otherwise 403, naming the parameter and the type. A chain without a type
 * ({@code subject.name}) reaches every type its reference may point to.
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUTHORIZE)
@Interceptor
public class SearchReach {

    private final FhirContext fhir;

    public SearchReach(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (!SearchOperations.isSearch(operation) || request.getParameters() == null) {
            return;
        }
        AccessGrant grant = RequestGrants.of(request).orElse(null);
        if (grant == null || grant.platform()) {
            return;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            String name = parameter.getKey();
            for (String type : reached(request.getResourceName(), name, parameter.getValue())) {
                if (grant.resourceScopes().stream().noneMatch(scope -> scope.reads(type))) {
                    throw new ForbiddenOperationException("Search parameter '" + name + "' reaches " + type
                            + " resources, which no scope of this access token reads");
                }
            }
        }
    }

    /** The types other than the searched one that a parameter looks into or brings back. */
    Set<String> reached(String searchedType, String name, String[] values) {
        Set<String> types = new LinkedHashSet<>();
        if (name.startsWith("_has:")) {
            String[] parts = name.split(":");
            if (parts.length > 1) {
                types.add(parts[1]);
            }
        } else if (name.equals("_revinclude") || name.startsWith("_revinclude:")) {
            for (String value : values) {
                types.add(value.split(":", 2)[0]);
            }
        } else if (name.equals("_include") || name.startsWith("_include:")) {
            for (String value : values) {
                String[] parts = value.split(":");
                if (parts.length >= 3) {
                    types.add(parts[2]);
                } else if (parts.length == 2) {
                    types.addAll(targetsOf(parts[0], parts[1]));
                }
            }
        } else if (!name.startsWith("_") && name.contains(".") && searchedType != null) {
            String reference = name.substring(0, name.indexOf('.'));
            int typed = reference.indexOf(':');
            if (typed >= 0) {
                types.add(reference.substring(typed + 1));
            } else {
                types.addAll(targetsOf(searchedType, reference));
            }
        }
        types.remove("*");
        return types;
    }

    /** The types a reference search parameter may point to (every type, when it does not say). */
    private Set<String> targetsOf(String type, String parameter) {
        if (type == null || type.equals("*") || !fhir.getResourceTypes().contains(type)) {
            return Set.of();
        }
        RuntimeResourceDefinition definition = fhir.getResourceDefinition(type);
        RuntimeSearchParam search = definition.getSearchParam(parameter);
        if (search == null) {
            return Set.of();
        }
        return search.getTargets().isEmpty() ? fhir.getResourceTypes() : search.getTargets();
    }
}
