package health.cura.fhir.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Inputs HAPI 8.8 does not check and then fails on with a 500: a negative or non-numeric {@code _offset} or
 * {@code _count} (handed to Hibernate as a negative first result) and {@code $export-poll-status} without its
 * {@code _jobId} (a NullPointerException); and the {@code :missing} modifier, whose SQL HAPI builds wrongly in
 * database partition mode (the partition predicate lands outside the subquery that names its table, hapi-fhir#7491).
 * Each is refused first with 400, saying what is wrong.
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.ADMIT)
@Interceptor
public class HapiInputChecks {

    private static final Set<RestOperationTypeEnum> HISTORIES = Set.of(RestOperationTypeEnum.HISTORY_TYPE,
            RestOperationTypeEnum.HISTORY_SYSTEM, RestOperationTypeEnum.HISTORY_INSTANCE);

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (SearchOperations.isSearch(operation) || HISTORIES.contains(operation)) {
            requireCount(request, "_offset");
            requireCount(request, "_count");
            requireCount(request, "_getpagesoffset");
            refuseMissingModifier(request);
        }
        if ("$export-poll-status".equals(request.getOperation())) {
            String[] jobId = request.getParameters() == null ? null : request.getParameters().get("_jobId");
            if (jobId == null || jobId.length == 0 || jobId[0] == null || jobId[0].isBlank()) {
                throw new InvalidRequestException("$export-poll-status needs the parameter '_jobId': the export's id, "
                        + "from the Content-Location its kick-off answered with");
            }
        }
    }

    private static void refuseMissingModifier(RequestDetails request) {
        if (request.getParameters() == null) {
            return;
        }
        for (String name : request.getParameters().keySet()) {
            if (name.endsWith(":missing")) {
                throw new InvalidRequestException("The :missing modifier ('" + name + "') is not supported by this "
                        + "server; search for the values instead");
            }
        }
    }

    private static void requireCount(RequestDetails request, String name) {
        String[] values = request.getParameters() == null ? null : request.getParameters().get(name);
        if (values == null) {
            return;
        }
        for (String value : values) {
            if (value == null || !value.matches("\\d{1,9}")) {
                throw new InvalidRequestException("Parameter '" + name + "' must be a whole number of 0 or more, not '"
                        + value + "'");
            }
        }
    }
}
