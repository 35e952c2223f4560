package health.cura.fhir.gdpr;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.tenancy.TenantDirectory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Consents take effect where the law makes them the basis ({@link ConsentedPatients}): whatever a REST request shows
 * (reads, searches, includes, history, {@code $everything}) leaves out the records of patients without the consent
 * its client's purpose needs, before anything is audited as shown. A read of such a record answers as if it did not
 * exist. Records of no patient (the clinic's directory, definitions) are shown as ever.
 */
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUTHORIZE)
@Interceptor
public class ConsentGate {

    private final ConsentedPatients consents;
    private final TenantDirectory tenants;

    public ConsentGate(ConsentedPatients consents, TenantDirectory tenants) {
        this.consents = consents;
        this.tenants = tenants;
    }

    @Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = Phase.AUTHORIZE_ORDER + 1)
    public void filterShown(IPreResourceShowDetails shown, RequestDetails request) {
        Optional<AccessGrant> grant = RequestGrants.of(request);
        if (grant.isEmpty() || grant.get().platform() || request.getTenantId() == null) {
            return;
        }
        Optional<Integer> clinic = tenants.findBySubdomain(request.getTenantId()).map(t -> t.id());
        if (clinic.isEmpty()) {
            return;
        }
        Optional<String> needed = consents.consentNeeded(clinic.get(), grant.get().clientId());
        if (needed.isEmpty()) {
            return;
        }
        List<List<String>> patientsOfEach = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>();
        for (int i = 0; i < shown.size(); i++) {
            IBaseResource resource = shown.getResource(i);
            List<String> patients = resource == null ? List.of() : consents.patientsOf(resource);
            patientsOfEach.add(patients);
            all.addAll(patients);
        }
        Set<String> consenting = consents.consenting(clinic.get(), all, needed.get());
        for (int i = 0; i < shown.size(); i++) {
            if (!consenting.containsAll(patientsOfEach.get(i))) {
                shown.setResource(i, null);
            }
        }
    }
}
