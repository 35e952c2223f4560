package health.cura.fhir.identity.launch;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.identity.oauth.ClientSettingNames;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationDefinition;
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
public class SmartLaunchOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("smart-launch", "Open a SMART EHR launch",
                    "Opens a SMART App Launch (EHR launch) for one of the clinic's patients: open the app with "
                            + "iss (this base) and the launch returned, within ten minutes. A launch opened with a "
                            + "staff member's token works for that member of staff only.")
            .system()
            .changesState()
            .in("patient", "Reference", 1, "1", "the patient in context, Patient/{id} of this clinic")
            .in("client_id", "string", 0, "1", "the app the launch is for; any app of the clinic when left out")
            .out("launch", "string", 1, "1", "the launch parameter to open the app with")
            .out("patient", "Reference", 1, "1", "the patient in context")
            .out("expires", "instant", 1, "1", "when the launch can no longer start an authorization")
            .build();

    private final LaunchContexts launches;
    private final PickablePatients patients;
    private final RegisteredClientRepository clients;

    public SmartLaunchOperation(LaunchContexts launches, PickablePatients patients, RegisteredClientRepository clients) {
        this.launches = launches;
        this.patients = patients;
        this.clients = clients;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    /** An EHR's token that reads the clinic's patients; a member of staff's role must let them view patients. */
    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.readsAcrossClinic("Patient"),
                RoleNeed.of(ClinicModules.PATIENTS, StaffAction.VIEW));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.READ;
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
