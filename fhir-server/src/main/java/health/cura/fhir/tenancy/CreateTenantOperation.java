package health.cura.fhir.tenancy;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/DEFAULT/$create-tenant}: creates a clinic. A platform operation: it exists on the DEFAULT partition
 * only, and only a platform token may call it (see the security package's authorization rules).
 */
@Component
public class CreateTenantOperation {

    private final TenantProvisioner provisioner;

    public CreateTenantOperation(TenantProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Operation(name = "$create-tenant", idempotent = false)
    public Parameters createTenant(
            @OperationParam(name = "name", min = 1) StringType name,
            @OperationParam(name = "subdomain", min = 1) StringType subdomain,
            @OperationParam(name = "email", min = 1) StringType email,
            @OperationParam(name = "region") StringType region,
            @OperationParam(name = "brandName") StringType brandName,
            RequestDetails request) {
        if (!TenantPartitionInterceptor.DEFAULT_TENANT.equals(request.getTenantId())) {
            throw new ResourceNotFoundException("$create-tenant is a platform operation: POST it to /fhir/DEFAULT/");
        }
        ProvisionedTenant result = provisioner.provision(new NewTenant(
                value(name), value(subdomain), value(email), value(region), value(brandName)));

        Parameters out = new Parameters();
        out.addParameter().setName("tenant").setValue(new StringType(result.tenant().subdomain()));
        out.addParameter().setName("organizationId").setValue(new IntegerType(result.tenant().id()));
        out.addParameter()
                .setName("organization")
                .setValue(new Reference("Organization/" + result.organizationResourceId()));
        out.addParameter().setName("created").setValue(new BooleanType(result.created()));
        return out;
    }

    private static String value(StringType type) {
        return type == null ? null : type.getValue();
    }
}
