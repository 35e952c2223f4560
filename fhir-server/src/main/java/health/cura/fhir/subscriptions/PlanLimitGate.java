package health.cura.fhir.subscriptions;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.tenancy.TenantDirectory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;

/**
 * Holds every write a request makes (REST, each entry of a batch or transaction, conditional writes, the writes of
 * operations) to the clinic's plan: a write that would take a clinic over {@code maxPatients}, {@code maxUsers} or
 * {@code storageGB} is refused with 402, naming the limit, the count and the plan, and nothing of it is stored (a
 * transaction fails as a whole). Two checks: before storing, against the recent count, so that a clinic at its limit
 * costs nothing more; and before commit, against the count V27's triggers keep, which the write's own rows have
 * added to under the row's lock, so that of several writers racing for the last free slot exactly one gets it
 * ({@link StoredContentLedger} keeps the bytes each resource holds).
 */
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUTHORIZE)
@Interceptor
public class PlanLimitGate {

    /** After the projection's rows and the stored-content ledger, whose triggers count; before audit (1000). */
    private static final int CHECK_ORDER = Phase.PROJECT_ORDER + 500;

    private final ClinicPlans plans;
    private final ClinicUsage usage;
    private final TenantDirectory tenants;

    public PlanLimitGate(ClinicPlans plans, ClinicUsage usage, TenantDirectory tenants) {
        this.plans = plans;
        this.usage = usage;
        this.tenants = tenants;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.AUTHORIZE_ORDER + 1)
    public void creating(IBaseResource resource, RequestDetails request) {
        long bytes = StoredContent.remember(resource);
        OptionalInt clinic = clinic(request);
        if (clinic.isEmpty()) {
            return;
        }
        ClinicPlans.Plan plan = plans.of(clinic.getAsInt());
        if (!plan.limitsAnything()) {
            return;
        }
        // a Practitioner may stand for a staff account that is there already: only the check before commit knows
        if (resource instanceof Patient patient && (!patient.hasActive() || patient.getActive())) {
            precheck(clinic.getAsInt(), plan, Measure.PATIENTS, 1);
        }
        if (bytes > 0) {
            precheck(clinic.getAsInt(), plan, Measure.STORAGE, bytes);
        }
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.AUTHORIZE_ORDER + 1)
    public void updating(IBaseResource previous, IBaseResource resource) {
        StoredContent.remember(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = CHECK_ORDER)
    public void created(IBaseResource resource, RequestDetails request) {
        stored(resource, request);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = CHECK_ORDER)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        stored(resource, request);
    }

    private void stored(IBaseResource resource, RequestDetails request) {
        OptionalInt clinic = clinic(request);
        if (clinic.isEmpty()) {
            return;
        }
        ClinicPlans.Plan plan = plans.of(clinic.getAsInt());
        if (!plan.limitsAnything()) {
            return;
        }
        for (Map.Entry<Measure, Long> grown : usage.grownInThisTransaction(clinic.getAsInt()).entrySet()) {
            OptionalLong limit = plan.limit(grown.getKey());
            if (limit.isPresent() && grown.getValue() > limit.getAsLong()) {
                throw overLimit(plan, grown.getKey(), limit.getAsLong(), grown.getValue());
            }
        }
    }

    private void precheck(int organizationId, ClinicPlans.Plan plan, Measure measure, long adding) {
        OptionalLong limit = plan.limit(measure);
        if (limit.isEmpty() || usage.recent(organizationId).get(measure) + adding <= limit.getAsLong()) {
            return;
        }
        long now = usage.now(organizationId).get(measure);
        if (now + adding > limit.getAsLong()) {
            throw overLimit(plan, measure, limit.getAsLong(), now + adding);
        }
    }

    private OptionalInt clinic(RequestDetails request) {
        if (request == null || request.getTenantId() == null || CapturedWrites.isCaptured(request)) {
            return OptionalInt.empty();
        }
        return tenants.findBySubdomain(request.getTenantId()).map(t -> OptionalInt.of(t.id()))
                .orElse(OptionalInt.empty());
    }

    static UnclassifiedServerFailureException overLimit(ClinicPlans.Plan plan, Measure measure, long limit,
            long wouldBe) {
        String what = switch (measure) {
            case PATIENTS -> limit + " active patients, and this would make the clinic's count " + wouldBe;
            case USERS -> limit + " active staff accounts, and this would make the clinic's count " + wouldBe;
            case STORAGE -> gigabytes(limit) + " GB of stored files, and this would make the clinic's count "
                    + gigabytes(wouldBe) + " GB";
            case API_CALLS -> limit + " API calls a month, and the clinic has made " + wouldBe;
        };
        return new UnclassifiedServerFailureException(402, "Over the limit of the clinic's " + plan.describe() + ": "
                + measure.feature() + " allows " + what + ". Nothing was stored; the clinic's administrator can "
                + "move to a larger package.");
    }

    private static String gigabytes(long bytes) {
        return new BigDecimal(bytes).divide(new BigDecimal(Measure.STORAGE.unit()), 3, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
