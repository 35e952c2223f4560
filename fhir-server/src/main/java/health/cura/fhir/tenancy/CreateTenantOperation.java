package health.cura.fhir.tenancy;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/DEFAULT/$create-tenant}: creates a clinic. A platform operation: it exists on the DEFAULT partition
 * only, and until platform-owner sign-in exists it is accepted from the server's own machine (loopback) only.
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
        requireLoopback(request);
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

    private static void requireLoopback(RequestDetails request) {
        if (!(request instanceof ServletRequestDetails servlet)) {
            throw new ForbiddenOperationException("$create-tenant is accepted over HTTP from this machine only");
        }
        try {
            if (!InetAddress.getByName(servlet.getServletRequest().getRemoteAddr()).isLoopbackAddress()) {
                throw new ForbiddenOperationException("$create-tenant is accepted from this machine (loopback) only");
            }
        } catch (UnknownHostException e) {
            throw new ForbiddenOperationException("$create-tenant is accepted from this machine (loopback) only");
        }
    }

    private static String value(StringType type) {
        return type == null ? null : type.getValue();
    }
}
