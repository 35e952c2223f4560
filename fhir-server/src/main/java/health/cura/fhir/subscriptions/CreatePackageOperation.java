package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.operations.OperationDefinitions;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/DEFAULT/$create-package}: a package the platform sells ({@code saas_packages}), with its price
 * per billing cycle and its features ({@link PlanFeatures}). Platform only.
 */
public class CreatePackageOperation extends PlatformOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("create-package", "Create a package",
                    "Creates a package the platform sells to clinics: its name, price per billing cycle and features "
                            + "(limits maxUsers, maxPatients, storageGB, apiCallsPerMonth; switches aiEnabled, "
                            + "telemedicineEnabled, billingEnabled, analyticsEnabled, customBranding, "
                            + "prioritySupport; a key left out is unlimited or on).")
            .system()
            .changesState()
            .in("name", "string", 1, "1", "the package's name")
            .in("description", "string", 0, "1", "what it offers, in words")
            .in("price", "Money", 1, "1", "its price per billing cycle, in the platform's currency (GBP by default)")
            .in("billingCycle", "code", 0, "1", "monthly | yearly (monthly when absent)")
            .in("features", "string", 0, "1", "its features, a JSON object")
            .out("packageId", "string", 1, "1", "the package (saas_packages id)")
            .build();

    private final SaasPackages packages;
    private final ObjectMapper json;
    private final SaasProperties properties;

    public CreatePackageOperation(SaasPackages packages, ObjectMapper json, SaasProperties properties) {
        this.packages = packages;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$create-package", idempotent = false)
    public Parameters create(@OperationParam(name = "name", min = 1) StringType name,
            @OperationParam(name = "description") StringType description,
            @OperationParam(name = "price", min = 1) Money price,
            @OperationParam(name = "billingCycle") CodeType billingCycle,
            @OperationParam(name = "features") StringType features, RequestDetails request) {
        int id = packages.create(PackageParameters.name(name),
                description == null ? null : description.getValue(),
                PackageParameters.price(price, properties.currency()), PackageParameters.billingCycle(billingCycle),
                PlanFeatures.parse(features == null ? null : features.getValue(), json),
                ClinicLifecycle.actor(request));
        return new Parameters().addParameter("packageId", new StringType(Integer.toString(id)));
    }
}
