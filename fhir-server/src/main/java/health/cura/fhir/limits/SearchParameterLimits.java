package health.cura.fhir.limits;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.hapi.SearchOperations;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * Refuses a search too large to run safely before it reaches the database: a search's cost grows faster than its
 * parameters (100 repeats of {@code family} took 3 s, 2,000 ran for minutes on the pool every clinic shares). A
 * parameter's values are its repeats and its comma-separated values together; its name is what comes before any
 * modifier or chain ({@code _has:Observation:subject:code} counts as {@code _has}).
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.ADMIT)
@Interceptor
public class SearchParameterLimits {

    private final int maxValuesPerParameter;
    private final int maxParameters;

    public SearchParameterLimits(RequestLimitsProperties limits) {
        this.maxValuesPerParameter = limits.maxValuesPerParameter();
        this.maxParameters = limits.maxParameters();
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (!SearchOperations.isSearch(operation) || request.getParameters() == null) {
            return;
        }
        Map<String, Integer> values = new TreeMap<>();
        int parameters = 0;
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            String name = baseName(parameter.getKey());
            for (String value : parameter.getValue()) {
                parameters++;
                values.merge(name, countValues(value), Integer::sum);
            }
        }
        if (parameters > maxParameters) {
            throw refusal("This search has " + parameters + " parameters; the server allows at most " + maxParameters
                    + " in one search (cura.limits.max-parameters)");
        }
        values.forEach((name, count) -> {
            if (count > maxValuesPerParameter) {
                throw refusal("Search parameter '" + name + "' has " + count + " values (repeats and comma-separated "
                        + "values together); the server allows at most " + maxValuesPerParameter + " per parameter "
                        + "(cura.limits.max-values-per-parameter)");
            }
        });
    }

    static String baseName(String key) {
        int modifier = key.indexOf(':');
        int chain = key.indexOf('.');
        int end = key.length();
        if (modifier >= 0) {
            end = modifier;
        }
        if (chain >= 0 && chain < end) {
            end = chain;
        }
        return key.substring(0, end);
    }

    /** The values of one occurrence: its commas, less those escaped as {@code \,}, plus one. */
    static int countValues(String value) {
        if (value == null || value.isEmpty()) {
            return 1;
        }
        int count = 1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',') {
                count++;
            }
        }
        return count;
    }

    private static InvalidRequestException refusal(String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TOOCOSTLY)
                .setDiagnostics(message);
        return new InvalidRequestException(message, outcome);
    }
}
