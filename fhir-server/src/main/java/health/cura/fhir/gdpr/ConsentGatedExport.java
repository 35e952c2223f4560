package health.cura.fhir.gdpr;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.tenancy.TenantDirectory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Bulk {@code $export} is consent-aware too (HAPI's own consent service is not consulted by it): the consent the
 * exporting client's purpose needs is noted when the export starts, and each record the job would write out is left
 * out unless its patients gave it, as they stand when the record is written. It runs before the export's audit, so
 * what is left out is not recorded as exported.
 */
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.AUTHORIZE)
@Interceptor
public class ConsentGatedExport {

    private static final String CONSENT = ConsentGatedExport.class.getName() + ".consent";
    private static final String CLINIC = ConsentGatedExport.class.getName() + ".clinic";

    private final ConsentedPatients consents;
    private final TenantDirectory tenants;

    public ConsentGatedExport(ConsentedPatients consents, TenantDirectory tenants) {
        this.consents = consents;
        this.tenants = tenants;
    }

    @Hook(value = Pointcut.STORAGE_INITIATE_BULK_EXPORT, order = Phase.AUTHORIZE_ORDER)
    public void started(BulkExportJobParameters export, RequestDetails request) {
        Optional<AccessGrant> grant = RequestGrants.of(request);
        if (grant.isEmpty() || request.getTenantId() == null) {
            return;
        }
        tenants.findBySubdomain(request.getTenantId()).ifPresent(clinic -> consents
                .consentNeeded(clinic.id(), grant.get().clientId()).ifPresent(needed -> {
                    export.setUserData(CONSENT, needed);
                    export.setUserData(CLINIC, clinic.id());
                }));
    }

    @Hook(value = Pointcut.STORAGE_BULK_EXPORT_RESOURCE_INCLUSION, order = Phase.AUTHORIZE_ORDER)
    public boolean including(BulkExportJobParameters export, IBaseResource resource) {
        Map<String, Object> data = export.getUserData();
        if (!(data.get(CONSENT) instanceof String needed) || !(data.get(CLINIC) instanceof Number clinic)) {
            return true;
        }
        List<String> patients = consents.patientsOf(resource);
        return patients.isEmpty() || consents.consenting(clinic.intValue(), patients, needed).containsAll(patients);
    }
}
