package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.operations.Where;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import health.cura.fhir.tenancy.TenantPartitionInterceptor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalLong;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * {@code GET /fhir/{clinic}/$usage} (the clinic's administrators and backend services) and
 * {@code GET /fhir/DEFAULT/$usage?tenant=} (the platform): what the clinic uses of its plan, each measure against
 * its limit by the feature's name. A read: it changes nothing (beyond counting itself as an API call).
 */
public class UsageOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("usage", "A clinic's usage of its plan",
                    "Patients (active), users (active staff accounts), storage (binaries and attachments) and API "
                            + "calls this calendar month (UTC), each with the limit of the clinic's package by the "
                            + "feature's name (maxPatients, maxUsers, storageGB, apiCallsPerMonth); no limit part "
                            + "means unlimited. At a clinic's base for its administrators and backend services; at "
                            + "DEFAULT, with tenant, for the platform.")
            .system()
            .in("tenant", "string", 0, "1", "the clinic's subdomain: required at DEFAULT, left out at a clinic")
            .out("tenant", "string", 1, "1", "the clinic")
            .out("plan", "string", 0, "1", "the package of the clinic's subscription; none: no limits")
            .out("patients", null, 1, "1", "active patients")
            .part("feature", "string", 1, "1", "maxPatients")
            .part("used", "integer", 1, "1", "how many")
            .part("limit", "integer", 0, "1", "the plan's limit; none: unlimited")
            .out("users", null, 1, "1", "active staff accounts")
            .part("feature", "string", 1, "1", "maxUsers")
            .part("used", "integer", 1, "1", "how many")
            .part("limit", "integer", 0, "1", "the plan's limit; none: unlimited")
            .out("storage", null, 1, "1", "stored binaries and attachments")
            .part("feature", "string", 1, "1", "storageGB")
            .part("used", "decimal", 1, "1", "GB (2^30 bytes), to six places")
            .part("usedBytes", "decimal", 1, "1", "bytes")
            .part("limit", "integer", 0, "1", "the plan's limit in GB; none: unlimited")
            .out("apiCalls", null, 1, "1", "API calls this calendar month")
            .part("feature", "string", 1, "1", "apiCallsPerMonth")
            .part("used", "integer", 1, "1", "how many")
            .part("limit", "integer", 0, "1", "the plan's limit; none: unlimited")
            .part("periodStart", "dateTime", 1, "1", "the month's first instant (UTC)")
            .part("periodEnd", "dateTime", 1, "1", "the next month's first instant (UTC)")
            .build();

    private final TenantDirectory tenants;
    private final ClinicPlans plans;
    private final ClinicUsage usage;
    private final ApiCalls calls;

    public UsageOperation(TenantDirectory tenants, ClinicPlans plans, ClinicUsage usage, ApiCalls calls) {
        this.tenants = tenants;
        this.plans = plans;
        this.usage = usage;
        this.calls = calls;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return new OperationAccess(EnumSet.allOf(Where.class), (grant, where) -> where == Where.PLATFORM
                ? grant.platform() : grant.patient().isEmpty(),
                RoleNeed.of(ClinicModules.SETTINGS, StaffAction.VIEW), false);
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$usage", idempotent = true)
    public Parameters usage(@OperationParam(name = "tenant") StringType tenant, RequestDetails request) {
        Tenant clinic = clinic(tenant, request);
        ClinicPlans.Plan plan = plans.of(clinic.id());
        Map<Measure, Long> used = usage.now(clinic.id());
        Parameters answer = new Parameters();
        answer.addParameter("tenant", clinic.subdomain());
        plan.packageName().ifPresent(name -> answer.addParameter("plan", name));
        count(answer, plan, Measure.PATIENTS, used.get(Measure.PATIENTS));
        count(answer, plan, Measure.USERS, used.get(Measure.USERS));
        Parameters.ParametersParameterComponent storage = answer.addParameter().setName(Measure.STORAGE.key());
        storage.addPart().setName("feature").setValue(new StringType(Measure.STORAGE.feature()));
        long bytes = used.get(Measure.STORAGE);
        storage.addPart().setName("used").setValue(new DecimalType(new BigDecimal(bytes)
                .divide(new BigDecimal(Measure.STORAGE.unit()), 6, RoundingMode.HALF_UP)));
        storage.addPart().setName("usedBytes").setValue(new DecimalType(new BigDecimal(bytes)));
        plan.limit(Measure.STORAGE).ifPresent(limit -> storage.addPart().setName("limit")
                .setValue(new IntegerType(Math.toIntExact(limit / Measure.STORAGE.unit()))));
        Parameters.ParametersParameterComponent api = count(answer, plan, Measure.API_CALLS, calls.used(clinic.id()));
        api.addPart().setName("periodStart").setValue(new DateTimeType(java.util.Date.from(calls.month().atDay(1)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant()), TemporalPrecisionEnum.SECOND,
                java.util.TimeZone.getTimeZone("UTC")));
        api.addPart().setName("periodEnd").setValue(new DateTimeType(java.util.Date.from(calls.nextMonth()),
                TemporalPrecisionEnum.SECOND, java.util.TimeZone.getTimeZone("UTC")));
        return answer;
    }

    private static Parameters.ParametersParameterComponent count(Parameters answer, ClinicPlans.Plan plan,
            Measure measure, long used) {
        Parameters.ParametersParameterComponent part = answer.addParameter().setName(measure.key());
        part.addPart().setName("feature").setValue(new StringType(measure.feature()));
        part.addPart().setName("used").setValue(new IntegerType(Math.toIntExact(Math.min(used, Integer.MAX_VALUE))));
        OptionalLong limit = plan.limit(measure);
        if (limit.isPresent()) {
            part.addPart().setName("limit").setValue(new IntegerType(Math.toIntExact(limit.getAsLong())));
        }
        return part;
    }

    private Tenant clinic(StringType tenant, RequestDetails request) {
        String named = tenant == null ? null : tenant.getValue();
        if (!TenantPartitionInterceptor.DEFAULT_TENANT.equals(request.getTenantId())) {
            if (named != null && !named.equals(request.getTenantId())) {
                throw Refusals.badParameter("tenant", "tenant is left out at a clinic's base, or is this clinic");
            }
            return tenants.findBySubdomain(request.getTenantId()).orElseThrow(() -> new ResourceNotFoundException(
                    "No clinic " + request.getTenantId()));
        }
        if (named == null || named.isBlank()) {
            throw Refusals.badParameter("tenant", "tenant (the clinic's subdomain) is required at DEFAULT");
        }
        return tenants.findBySubdomain(named.trim()).orElseThrow(() -> new ResourceNotFoundException("No clinic '"
                + named.trim() + "'"));
    }
}
