package health.cura.fhir.subscriptions;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationCatalog;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tenancy.TenantDirectory;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Keeps a clinic to the features of its plan: without {@code billingEnabled}, the billing records (invoices, claims,
 * payments, charge items, accounts) and every operation of the billing module are refused (403) naming the feature,
 * by REST (a search of another type that would include them too), in a batch or transaction, and by an
 * operation's own writes; where another answer would carry them ({@code $everything}), they are withheld. A patient's insurance (Coverage) is part of registering the patient and stays. The other
 * switches ({@code aiEnabled}, {@code telemedicineEnabled}, {@code analyticsEnabled}, {@code customBranding},
 * {@code prioritySupport}) govern nothing the server serves today.
 */
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUTHORIZE)
@Interceptor
public class FeatureGate {

    static final String BILLING = "billingEnabled";
    private static final Set<String> BILLING_TYPES = Set.of("Invoice", "Claim", "ClaimResponse", "ChargeItem",
            "Account", "ExplanationOfBenefit", "PaymentNotice", "PaymentReconciliation");

    private final ClinicPlans plans;
    private final TenantDirectory tenants;
    private final OperationCatalog operations;

    public FeatureGate(ClinicPlans plans, TenantDirectory tenants, OperationCatalog operations) {
        this.plans = plans;
        this.tenants = tenants;
        this.operations = operations;
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = Phase.AUTHORIZE_ORDER + 4)
    public void admit(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.METADATA) {
            return;
        }
        Optional<ClinicPlans.Plan> plan = plan(request);
        if (plan.isEmpty() || plan.get().enabled(BILLING)) {
            return;
        }
        boolean billing = request.getOperation() != null
                ? operations.find(request.getOperation(), operation, request.getResourceName())
                        .filter(declared -> declared instanceof CuraOperation ours && isBilling(ours.access().role()))
                        .isPresent()
                : request.getResourceName() != null && BILLING_TYPES.contains(request.getResourceName())
                        || reachesBilling(request);
        if (billing) {
            throw notInPlan(plan.get());
        }
    }

    /**
     * Billing records on their way out by another path (an entry of a batch, {@code $everything}, a page of a
     * search): a request for them is refused; one for something else gets them withheld.
     */
    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void showing(IPreResourceShowDetails details, RequestDetails request) {
        Optional<ClinicPlans.Plan> plan = plan(request);
        if (plan.isEmpty() || plan.get().enabled(BILLING)) {
            return;
        }
        for (int i = 0; i < details.size(); i++) {
            IBaseResource resource = details.getResource(i);
            if (resource != null && BILLING_TYPES.contains(resource.fhirType())) {
                if (request.getResourceName() != null && BILLING_TYPES.contains(request.getResourceName())) {
                    throw notInPlan(plan.get());
                }
                details.setResource(i, null);
            }
        }
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.AUTHORIZE_ORDER)
    public void creating(IBaseResource resource, RequestDetails request) {
        write(resource, request);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.AUTHORIZE_ORDER)
    public void updating(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        write(resource, request);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = Phase.AUTHORIZE_ORDER)
    public void deleting(IBaseResource resource, RequestDetails request) {
        write(resource, request);
    }

    private void write(IBaseResource resource, RequestDetails request) {
        if (!BILLING_TYPES.contains(resource.fhirType()) || CapturedWrites.isCaptured(request)) {
            return;
        }
        plan(request).filter(plan -> !plan.enabled(BILLING)).ifPresent(plan -> {
            throw notInPlan(plan);
        });
    }

    /** A search of another type that would bring billing records along: {@code _include}, {@code _revinclude}, _has. */
    private static boolean reachesBilling(RequestDetails request) {
        if (request.getParameters() == null) {
            return false;
        }
        for (var parameter : request.getParameters().entrySet()) {
            String name = parameter.getKey();
            if (name.startsWith("_has:") && BILLING_TYPES.stream().anyMatch(type -> name.startsWith("_has:" + type
                    + ":"))) {
                return true;
            }
            if (name.startsWith("_include") || name.startsWith("_revinclude")) {
                for (String value : parameter.getValue()) {
                    String[] parts = value.split(":");
                    boolean named = BILLING_TYPES.contains(parts[0]) || parts.length > 2
                            && BILLING_TYPES.contains(parts[2]);
                    if (named || "*".equals(value) || name.startsWith("_revinclude") && parts[0].equals("*")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isBilling(RoleNeed need) {
        return need.module().filter(ClinicModules.BILLING::equals).isPresent()
                || need.also().stream().anyMatch(FeatureGate::isBilling);
    }

    private Optional<ClinicPlans.Plan> plan(RequestDetails request) {
        if (request == null || request.getTenantId() == null || RequestGrants.of(request).isEmpty()
                || RequestGrants.of(request).get().platform()) {
            return Optional.empty();
        }
        return tenants.findBySubdomain(request.getTenantId()).map(clinic -> plans.of(clinic.id()));
    }

    private static ForbiddenOperationException notInPlan(ClinicPlans.Plan plan) {
        return new ForbiddenOperationException("The clinic's " + plan.describe() + " does not include billing ("
                + BILLING + "): invoices, claims and payments are part of a package with billing");
    }
}
