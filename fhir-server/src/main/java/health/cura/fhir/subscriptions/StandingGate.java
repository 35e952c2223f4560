package health.cura.fhir.subscriptions;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationCatalog;
import health.cura.fhir.tenancy.TenantDirectory;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A clinic's {@link Standing} holds on every request made with one of its tokens: a cancelled clinic is closed (403,
 * its CapabilityStatement aside); a suspended one reads only: every write is refused with 402, whether a REST write,
 * an entry of a batch or transaction (the whole transaction fails), a conditional write, or an operation that
 * changes state; a past-due clinic keeps working, every answer carrying a {@code Warning} header. Change capture
 * still brings in what the clinic's other software writes: the data is the clinic's.
 */
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUTHORIZE)
@Interceptor
public class StandingGate {

    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE);

    private final ClinicStandings standings;
    private final TenantDirectory tenants;
    private final OperationCatalog operations;

    public StandingGate(ClinicStandings standings, TenantDirectory tenants, OperationCatalog operations) {
        this.standings = standings;
        this.tenants = tenants;
        this.operations = operations;
    }

    private Optional<Standing> standing(RequestDetails request) {
        if (request == null || request.getTenantId() == null || RequestGrants.of(request).isEmpty()
                || RequestGrants.of(request).get().platform()) {
            return Optional.empty();
        }
        return tenants.findBySubdomain(request.getTenantId()).map(clinic -> standings.of(clinic.id()));
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = Phase.AUTHORIZE_ORDER + 3)
    public void admit(RequestDetails request, RestOperationTypeEnum operation) {
        Optional<Standing> standing = standing(request);
        if (standing.isEmpty() || operation == RestOperationTypeEnum.METADATA) {
            return;
        }
        switch (standing.get()) {
            case CANCELLED -> throw new ForbiddenOperationException("This clinic's subscription is cancelled: its "
                    + "data is kept, and the platform's owners can reopen it");
            case SUSPENDED -> {
                if (WRITES.contains(operation) || changesState(request, operation)) {
                    throw suspended();
                }
            }
            case PAST_DUE -> {
                if (request instanceof ServletRequestDetails servlet && servlet.getServletResponse() != null) {
                    servlet.getServletResponse().addHeader("Warning", "299 cura \"The clinic's subscription is "
                            + "past due: pay the open invoice to keep the clinic open\"");
                }
            }
            default -> { }
        }
    }

    /** Writes inside a batch or transaction, and those an operation makes through HAPI. */
    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.AUTHORIZE_ORDER)
    public void creating(IBaseResource resource, RequestDetails request) {
        refuseWrite(request);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.AUTHORIZE_ORDER)
    public void updating(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        refuseWrite(request);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = Phase.AUTHORIZE_ORDER)
    public void deleting(IBaseResource resource, RequestDetails request) {
        refuseWrite(request);
    }

    private void refuseWrite(RequestDetails request) {
        if (CapturedWrites.isCaptured(request)) {
            return;
        }
        if (standing(request).filter(s -> s == Standing.SUSPENDED).isPresent()) {
            throw suspended();
        }
    }

    private boolean changesState(RequestDetails request, RestOperationTypeEnum operation) {
        if (request.getOperation() == null) {
            return false;
        }
        return operations.find(request.getOperation(), operation, request.getResourceName())
                .filter(declared -> declared instanceof CuraOperation ours && ours.definition().getAffectsState())
                .isPresent();
    }

    private static UnclassifiedServerFailureException suspended() {
        return new UnclassifiedServerFailureException(402, "This clinic's subscription is suspended: its records "
                + "can be read, not changed, until the platform reactivates it");
    }
}
