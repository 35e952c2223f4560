package health.cura.fhir.tenancy;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/DEFAULT/$create-tenant}: creates a clinic (its row, partition and Organization), subscribed to a
 * package when one is named. A platform operation: only the platform's token may call it, on the platform's base.
 * Repeating it returns the same clinic, and subscribes it to nothing more.
 */
@Component
public class CreateTenantOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("create-tenant", "Create a clinic",
                    "Creates a clinic: its organizations row, its partition (named by the subdomain) and its own "
                            + "Organization resource. The same request again returns the same clinic, created false.")
            .system()
            .changesState()
            .in("name", "string", 1, "1", "the clinic's name")
            .in("subdomain", "string", 1, "1", "its FHIR base /fhir/{subdomain}/: a lower-case DNS label of at most "
                    + "50 characters, not one the platform reserves")
            .in("email", "string", 1, "1", "the clinic's contact email")
            .in("region", "string", 0, "1", "the clinic's region (UK, EU, ...)")
            .in("brandName", "string", 0, "1", "the name the clinic shows its patients")
            .in("packageId", "string", 0, "1", "the package it subscribes to (saas_packages id); without one the "
                    + "clinic has every feature and no limits")
            .in("trialDays", "integer", 0, "1", "days of trial before its first period (0 to 365; with packageId)")
            .out("tenant", "string", 1, "1", "the clinic's subdomain")
            .out("organizationId", "integer", 1, "1", "its organizations row (and partition) id")
            .out("organization", "Reference", 1, "1", "its Organization resource")
            .out("created", "boolean", 1, "1", "false when the clinic already existed")
            .build();

    private final TenantProvisioner provisioner;
    private final NewTenantPlan plans;

    public CreateTenantOperation(TenantProvisioner provisioner, NewTenantPlan plans) {
        this.provisioner = provisioner;
        this.plans = plans;
    }

    @Operation(name = "$create-tenant", idempotent = false)
    public Parameters createTenant(
            @OperationParam(name = "name", min = 1) StringType name,
            @OperationParam(name = "subdomain", min = 1) StringType subdomain,
            @OperationParam(name = "email", min = 1) StringType email,
            @OperationParam(name = "region") StringType region,
            @OperationParam(name = "brandName") StringType brandName,
            @OperationParam(name = "packageId") StringType packageId,
            @OperationParam(name = "trialDays") IntegerType trialDays, RequestDetails request) {
        String plan = value(packageId);
        Integer trial = trialDays == null ? null : trialDays.getValue();
        if (plan == null && trial != null) {
            throw Refusals.badParameter("trialDays", "trialDays is the trial of a package: give packageId too");
        }
        if (plan != null) {
            plans.check(plan, trial);
        }
        ProvisionedTenant result = provisioner.provision(new NewTenant(
                value(name), value(subdomain), value(email), value(region), value(brandName)));
        if (plan != null && result.created()) {
            plans.start(result.tenant(), plan, trial, RequestGrants.of(request).map(AccessGrant::subject)
                    .orElse("platform"));
        }

        Parameters out = new Parameters();
        out.addParameter().setName("tenant").setValue(new StringType(result.tenant().subdomain()));
        out.addParameter().setName("organizationId").setValue(new IntegerType(result.tenant().id()));
        out.addParameter()
                .setName("organization")
                .setValue(new Reference("Organization/" + result.organizationResourceId()));
        out.addParameter().setName("created").setValue(new BooleanType(result.created()));
        return out;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.platformOnly();
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    private static String value(StringType type) {
        return type == null ? null : type.getValue();
    }
}
