package health.cura.fhir.security.launch;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.cura.fhir.security.AccessGrant;
import health.cura.fhir.security.RequestGrants;
import health.cura.fhir.security.oauth.ClientSettingNames;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * {@code POST /fhir/{tenant}/$smart-launch}: an EHR opens a SMART EHR launch for a patient and gets the
 * {@code launch} value to open the app with ({@code ?iss=...&launch=...}). A launch opened with a staff member's token
 * works for that staff member only; one opened by a backend service works for whoever of the clinic's staff signs in.
 * It can start an authorization for {@link LaunchContexts#START_WINDOW}.
 */
public class SmartLaunchOperation {

    private final LaunchContexts launches;
    private final PickablePatients patients;
    private final RegisteredClientRepository clients;

    public SmartLaunchOperation(LaunchContexts launches, PickablePatients patients, RegisteredClientRepository clients) {
        this.launches = launches;
        this.patients = patients;
        this.clients = clients;
    }

    @Operation(name = "$smart-launch", idempotent = false)
    public Parameters open(
            @OperationParam(name = "patient", min = 1) Reference patient,
            @OperationParam(name = "client_id") StringType clientId,
            RequestDetails request) {
        String tenant = request.getTenantId();
        AccessGrant grant = RequestGrants.of(request)
                .filter(found -> found.isFor(tenant))
                .orElseThrow(() -> new ForbiddenOperationException("$smart-launch needs a token of this clinic"));
        IdType patientId = new IdType(patient.getReference() == null ? "" : patient.getReference());
        if (!"Patient".equals(patientId.getResourceType()) || !patientId.hasIdPart()) {
            throw new UnprocessableEntityException("patient must be a reference such as Patient/{id}");
        }
        if (!patients.exists(tenant, patientId.getIdPart())) {
            throw new ResourceNotFoundException("This clinic has no Patient/" + patientId.getIdPart());
        }
        Optional<String> app = Optional.ofNullable(clientId).map(StringType::getValue).filter(id -> !id.isBlank());
        if (app.isPresent()) {
            RegisteredClient client = clients.findByClientId(app.get());
            if (client == null || !tenant.equals(client.getClientSettings().getSetting(ClientSettingNames.TENANT))) {
                throw new UnprocessableEntityException("client_id is not an app of this clinic");
            }
        }
        Optional<String> user = grant.userRowId().map(row -> grant.subject());
        LaunchContext launch = launches.open(tenant, app, user, patientId.getIdPart());

        Parameters out = new Parameters();
        out.addParameter().setName("launch").setValue(new StringType(launch.launchId()));
        out.addParameter().setName("patient").setValue(new Reference("Patient/" + launch.patient()));
        out.addParameter().setName("expires")
                .setValue(new InstantType(java.util.Date.from(launch.created().plus(LaunchContexts.START_WINDOW))));
        return out;
    }
}
