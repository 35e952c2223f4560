package health.cura.fhir.limits;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * Refuses a transaction or batch with more entries than {@code cura.limits.max-bundle-entries} (413, before any entry
 * is processed): one request's bundle holds a database transaction and its locks for as long as it runs.
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.ADMIT)
@Interceptor
public class BundleEntryLimit {

    private final int maxEntries;

    public BundleEntryLimit(RequestLimitsProperties limits) {
        this.maxEntries = limits.maxBundleEntries();
    }

    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void check(IBaseBundle bundle) {
        if (bundle instanceof Bundle r4 && r4.getEntry().size() > maxEntries) {
            throw new PayloadTooLargeException("This bundle has " + r4.getEntry().size() + " entries; the server "
                    + "takes at most " + maxEntries + " in one transaction or batch (cura.limits.max-bundle-entries)");
        }
    }
}
