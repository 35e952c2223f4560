package health.cura.fhir.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * A {@code DELETE} with {@code If-Match} deletes only the version it names (412 otherwise, nothing deleted). HAPI
 * applies If-Match to updates and patches but ignores it on a delete, so a client that deleted what it had read could
 * delete a version someone else had written since.
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.VALIDATE)
@Interceptor
public class IfMatchOnDelete {

    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"([^\"]+)\"$");

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = Phase.VALIDATE_ORDER)
    public void deleting(IBaseResource resource, RequestDetails request) {
        String ifMatch = request == null ? null : request.getHeader("If-Match");
        if (ifMatch == null || request.getRestOperationType() != RestOperationTypeEnum.DELETE) {
            return;
        }
        Matcher etag = ETAG.matcher(ifMatch.trim());
        if (!etag.matches()) {
            throw new InvalidRequestException("If-Match " + ifMatch + " is not an ETag: FHIR's are W/\"<version>\"");
        }
        if (!etag.group(1).equals(resource.getIdElement().getVersionIdPart())) {
            throw IfMatchStatus.preconditionFailed(ifMatch);
        }
    }
}
