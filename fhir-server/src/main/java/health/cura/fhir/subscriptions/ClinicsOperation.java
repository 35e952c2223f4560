package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import health.cura.fhir.operations.OperationDefinitions;
import java.time.ZoneOffset;
import java.util.Date;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** {@code GET /fhir/DEFAULT/$clinics}: every clinic with its standing and current package. Platform only. */
public class ClinicsOperation extends PlatformOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("clinics", "The platform's clinics",
                    "Every clinic (organizations row) with its standing, its latest subscription's status and "
                            + "package, and the end of its current period.")
            .system()
            .out("clinic", null, 0, "*", "one per clinic, by name")
            .part("tenant", "string", 1, "1", "its subdomain")
            .part("name", "string", 1, "1", "its name")
            .part("email", "string", 0, "1", "its contact address")
            .part("organizationStatus", "string", 0, "1", "organizations.subscription_status")
            .part("subscriptionStatus", "string", 0, "1", "its latest subscription's status; none: no plan")
            .part("package", "string", 0, "1", "that subscription's package")
            .part("periodEnd", "instant", 0, "1", "the end of its current period")
            .part("cancelAtPeriodEnd", "boolean", 1, "1", "whether it ends then")
            .build();

    private final PlatformListings listings;

    public ClinicsOperation(PlatformListings listings) {
        this.listings = listings;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$clinics", idempotent = true)
    public Parameters clinics() {
        Parameters answer = new Parameters();
        for (PlatformListings.Clinic clinic : listings.clinics()) {
            Parameters.ParametersParameterComponent one = answer.addParameter().setName("clinic");
            one.addPart().setName("tenant").setValue(new StringType(clinic.tenant()));
            one.addPart().setName("name").setValue(new StringType(clinic.name()));
            if (clinic.email() != null) {
                one.addPart().setName("email").setValue(new StringType(clinic.email()));
            }
            if (clinic.organizationStatus() != null) {
                one.addPart().setName("organizationStatus").setValue(new StringType(clinic.organizationStatus()));
            }
            clinic.subscriptionStatus().ifPresent(status ->
                    one.addPart().setName("subscriptionStatus").setValue(new StringType(status)));
            clinic.packageName().ifPresent(name -> one.addPart().setName("package").setValue(new StringType(name)));
            clinic.periodEnd().ifPresent(end -> one.addPart().setName("periodEnd")
                    .setValue(new InstantType(Date.from(end.toInstant(ZoneOffset.UTC)))));
            one.addPart().setName("cancelAtPeriodEnd").setValue(new BooleanType(clinic.cancelAtPeriodEnd()));
        }
        return answer;
    }
}
