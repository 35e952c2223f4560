package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import health.cura.fhir.operations.OperationDefinitions;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** {@code GET /fhir/DEFAULT/$packages}: the packages, those on offer first. Platform only. */
public class PackagesOperation extends PlatformOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("packages", "The platform's packages",
                    "Every package (saas_packages): those on offer first, cheapest first, then those withdrawn.")
            .system()
            .out("package", null, 0, "*", "one per package")
            .part("packageId", "string", 1, "1", "its id, as $subscribe and $change-package take it")
            .part("name", "string", 1, "1", "its name")
            .part("price", "Money", 1, "1", "its price per billing cycle")
            .part("billingCycle", "code", 1, "1", "monthly | yearly")
            .part("active", "boolean", 1, "1", "whether it is on offer")
            .part("features", "string", 1, "1", "its limits and switches, as JSON")
            .build();

    private final PlatformListings listings;
    private final SaasProperties properties;

    public PackagesOperation(PlatformListings listings, SaasProperties properties) {
        this.listings = listings;
        this.properties = properties;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$packages", idempotent = true)
    public Parameters packages() {
        Parameters answer = new Parameters();
        for (PlatformListings.Package offered : listings.packages()) {
            Parameters.ParametersParameterComponent one = answer.addParameter().setName("package");
            one.addPart().setName("packageId").setValue(new StringType(Integer.toString(offered.id())));
            one.addPart().setName("name").setValue(new StringType(offered.name()));
            one.addPart().setName("price").setValue(new Money().setValue(offered.price())
                    .setCurrency(properties.currency()));
            one.addPart().setName("billingCycle").setValue(new org.hl7.fhir.r4.model.CodeType(offered.billingCycle()));
            one.addPart().setName("active").setValue(new BooleanType(offered.active()));
            one.addPart().setName("features").setValue(new StringType(offered.features() == null ? "{}"
                    : offered.features()));
        }
        return answer;
    }

}
