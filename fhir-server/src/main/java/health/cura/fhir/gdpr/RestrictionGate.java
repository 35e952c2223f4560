package health.cura.fhir.gdpr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.cura.fhir.audit.PatientsOfRecord;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.tenancy.TenantDirectory;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A restriction of processing (UK GDPR Art. 18) takes effect on the next request: the records of a restricted patient
 * are shown, and written, only for staff who handle restrictions ({@link RestrictionHandlers}). A read of such a
 * record, and any write of one, is refused (403, naming the restriction); searches, history, includes and operations
 * leave such records out. The server's own work (change capture, jobs) carries no access token and is not held back:
 * the data is still stored.
 */
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUTHORIZE)
@Interceptor
public class RestrictionGate {

    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE);

    private final ProcessingRestrictions restrictions;
    private final RestrictionHandlers handlers;
    private final TenantDirectory tenants;
    private final PatientsOfRecord patients;

    public RestrictionGate(ProcessingRestrictions restrictions, RestrictionHandlers handlers, TenantDirectory tenants,
            FhirContext fhir) {
        this.restrictions = restrictions;
        this.handlers = handlers;
        this.tenants = tenants;
        this.patients = new PatientsOfRecord(fhir);
    }

    /** The clinic whose restrictions hold for the request: any request with a clinic's access token. */
    private Optional<Integer> clinic(RequestDetails request) {
        Optional<AccessGrant> grant = RequestGrants.of(request);
        if (grant.isEmpty() || grant.get().platform() || request == null || request.getTenantId() == null) {
            return Optional.empty();
        }
        return tenants.findBySubdomain(request.getTenantId()).map(tenant -> tenant.id());
    }

    @Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = Phase.AUTHORIZE_ORDER + 2)
    public void hideRestricted(IPreResourceShowDetails shown, RequestDetails request) {
        if (WRITES.contains(request.getRestOperationType())) {
            return;
        }
        Optional<Integer> clinic = clinic(request);
        if (clinic.isEmpty()) {
            return;
        }
        List<List<String>> patientsOfEach = new ArrayList<>(shown.size());
        Set<String> all = new LinkedHashSet<>();
        for (int i = 0; i < shown.size(); i++) {
            IBaseResource resource = shown.getResource(i);
            List<String> of = resource == null ? List.of() : patients.of(resource);
            patientsOfEach.add(of);
            all.addAll(of);
        }
        Map<String, ProcessingRestrictions.Restriction> restricted = restrictions.inForce(clinic.get(), all);
        if (restricted.isEmpty() || handlers.handles(request)) {
            return;
        }
        boolean singleRead = request.getRestOperationType() == RestOperationTypeEnum.READ
                || request.getRestOperationType() == RestOperationTypeEnum.VREAD;
        for (int i = 0; i < shown.size(); i++) {
            Optional<ProcessingRestrictions.Restriction> restriction = patientsOfEach.get(i).stream()
                    .map(restricted::get).filter(r -> r != null).findFirst();
            if (restriction.isEmpty()) {
                continue;
            }
            if (singleRead) {
                throw refusal(restriction.get());
            }
            shown.setResource(i, null);
        }
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.AUTHORIZE_ORDER)
    public void creating(IBaseResource resource, RequestDetails request) {
        refuseWrite(request, resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.AUTHORIZE_ORDER)
    public void updating(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        refuseWrite(request, previous, resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = Phase.AUTHORIZE_ORDER)
    public void deleting(IBaseResource resource, RequestDetails request) {
        refuseWrite(request, resource);
    }

    private void refuseWrite(RequestDetails request, IBaseResource... written) {
        Optional<Integer> clinic = clinic(request);
        if (clinic.isEmpty()) {
            return;
        }
        Set<String> of = new LinkedHashSet<>();
        for (IBaseResource resource : written) {
            if (resource != null) {
                of.addAll(patients.of(resource));
            }
        }
        Map<String, ProcessingRestrictions.Restriction> restricted = restrictions.inForceForWrite(clinic.get(), of);
        if (!restricted.isEmpty() && !handlers.handles(request)) {
            throw refusal(restricted.values().iterator().next());
        }
    }

    private static ForbiddenOperationException refusal(ProcessingRestrictions.Restriction restriction) {
        return new ForbiddenOperationException("The processing of Patient/" + restriction.patientResourceId()
                + "'s data is restricted (UK GDPR Art. 18) since "
                + restriction.since().atOffset(ZoneOffset.UTC).toLocalDate()
                + ": only staff who handle restrictions may see or change it");
    }
}
