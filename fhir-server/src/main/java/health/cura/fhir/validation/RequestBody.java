package health.cura.fhir.validation;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.util.ResourceUtil;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's validator checks the request body as the client sent it when the resource still carries it. A hook that
 * changes the resource before validation must make the validator check the changed resource instead.
 */
final class RequestBody {

    private RequestBody() {
    }

    /**
     * Drops the client's body and says the resource is to be encoded as JSON. Clearing the body alone leaves HAPI's
     * note of its encoding: the validator would then encode the resource as JSON and parse it as the client's XML
     * ("Content is not allowed in prolog", on every XML write).
     */
    static void forget(IBaseResource resource) {
        ResourceUtil.clearRawStringFromResource(resource);
        ResourceUtil.addRawDataToResource(resource, EncodingEnum.JSON, null);
    }
}
