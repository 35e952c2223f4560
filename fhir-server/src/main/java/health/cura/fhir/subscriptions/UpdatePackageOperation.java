package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/DEFAULT/$update-package}: changes what is given of a package; the rest stays. New features
 * replace the old as a whole. Platform only.
 */
public class UpdatePackageOperation extends PlatformOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("update-package", "Change a package",
                    "Changes the package's name, description, price, billing cycle, features (replaced as a whole) "
                            + "or availability; what is not given stays as it is.")
            .system()
            .changesState()
            .in("packageId", "string", 1, "1", "the package (saas_packages id)")
            .in("name", "string", 0, "1", "its new name")
            .in("description", "string", 0, "1", "its new description")
            .in("price", "Money", 0, "1", "its new price per billing cycle")
            .in("billingCycle", "code", 0, "1", "monthly | yearly")
            .in("features", "string", 0, "1", "its features, a JSON object, replacing the old")
            .in("active", "boolean", 0, "1", "false: no longer offered to new subscribers")
            .out("packageId", "string", 1, "1", "the package")
            .build();

    private final SaasPackages packages;
    private final ObjectMapper json;
    private final SaasProperties properties;

    public UpdatePackageOperation(SaasPackages packages, ObjectMapper json, SaasProperties properties) {
        this.packages = packages;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$update-package", idempotent = false)
    public Parameters update(@OperationParam(name = "packageId", min = 1) StringType packageId,
            @OperationParam(name = "name") StringType name,
            @OperationParam(name = "description") StringType description,
            @OperationParam(name = "price") Money price,
            @OperationParam(name = "billingCycle") CodeType billingCycle,
            @OperationParam(name = "features") StringType features,
            @OperationParam(name = "active") BooleanType active, RequestDetails request) {
        int id = id(packageId);
        SaasPackages.Change change = new SaasPackages.Change(
                name == null ? null : PackageParameters.name(name),
                description == null ? null : description.getValue(),
                price == null ? null : PackageParameters.price(price, properties.currency()),
                billingCycle == null ? null : PackageParameters.billingCycle(billingCycle),
                features == null ? null : PlanFeatures.parse(features.getValue(), json),
                active == null ? null : active.getValue());
        if (!packages.update(id, change, ClinicLifecycle.actor(request))) {
            throw new ResourceNotFoundException("No package " + id);
        }
        return new Parameters().addParameter("packageId", new StringType(Integer.toString(id)));
    }

    static int id(StringType packageId) {
        try {
            return Integer.parseInt(packageId == null || packageId.getValue() == null ? "" : packageId.getValue());
        } catch (NumberFormatException e) {
            throw Refusals.badParameter("packageId", "packageId is the package's id, as $create-package answered it");
        }
    }
}
