package health.cura.mappings.audit;

import health.cura.conformance.CuraCanonical;
import health.cura.mappings.MappingContext;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * A {@code gdpr_audit_trail} row as an AuditEvent, in the shape of the IHE Basic Audit Log Patterns: a RESTful
 * operation ({@code type} rest, {@code subtype} the interaction), the user and the app as agents (the user the
 * requestor, with the client's address and the token id as policy), the clinic as the source, and the patient, the
 * record and any query as entities. One direction only: the trail is written by the server, never through FHIR.
 */
public final class AuditEventMapper {

    public static final String CLIENT_SYSTEM = CuraCanonical.BASE + "/Id/oauth-client";

    private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private static final String INTERACTION = "http://hl7.org/fhir/restful-interaction";
    private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    private static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    private static final String PURPOSE = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    private AuditEventMapper() {}

    public static AuditEvent toAuditEvent(AuditTrailRow row, MappingContext context) {
        AuditEvent event = new AuditEvent();
        row.text("auditEventId").ifPresent(event::setId);
        Optional<String> interaction = row.text("interaction");
        if (interaction.isPresent()) {
            event.setType(new Coding(EVENT_TYPE, "rest", "Restful Operation"));
            event.addSubtype(new Coding(INTERACTION, interaction.get(), null));
        } else {
            event.setType(new Coding(DICOM, "110110", "Patient Record"));
            event.addSubtype(new Coding(null, row.action(), null));
        }
        event.setAction(action(row.action()));
        event.setRecorded(Date.from(row.timestamp().toInstant(ZoneOffset.UTC)));
        event.setOutcome(AuditEventOutcome.fromCode(row.text("outcome").orElse("0")));
        row.text("outcomeDescription").ifPresent(event::setOutcomeDesc);
        row.purpose().ifPresent(purpose -> event.addPurposeOfEvent().addCoding(new Coding(PURPOSE, purpose, null)));

        AuditEventAgentComponent user = event.addAgent().setRequestor(true);
        user.getType().addCoding(new Coding(PARTICIPATION, "IRCP", "information recipient"));
        Optional<String> practitioner = row.userId().flatMap(id -> context.links().resourceId("Practitioner", id));
        if (practitioner.isPresent()) {
            user.setWho(new Reference("Practitioner/" + practitioner.get()));
        } else {
            row.text("clientId").ifPresent(client -> user.setWho(clientReference(client)));
        }
        row.text("account").ifPresent(user::setAltId);
        row.ipAddress().ifPresent(ip -> user.getNetwork().setAddress(ip).setType(AuditEventAgentNetworkType._2));
        row.sessionId().ifPresent(user::addPolicy);
        row.text("clientId").filter(client -> practitioner.isPresent()).ifPresent(client -> {
            AuditEventAgentComponent app = event.addAgent().setRequestor(false).setWho(clientReference(client));
            app.getType().addCoding(new Coding(DICOM, "110150", "Application"));
        });

        event.getSource().setSite(context.subdomain())
                .setObserver(new Reference().setDisplay("Cura FHIR server"))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));

        row.patientId().flatMap(id -> context.links().resourceId("Patient", id)).ifPresent(patient -> {
            AuditEvent.AuditEventEntityComponent entity = event.addEntity().setWhat(new Reference("Patient/" + patient));
            entity.setType(new Coding(ENTITY_TYPE, "1", "Person")).setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
        });
        for (String record : row.fhirIds()) {
            event.addEntity().setWhat(new Reference(record))
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
        }
        row.text("query").ifPresent(query -> event.addEntity()
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(OBJECT_ROLE, "24", "Query"))
                .setQuery(query.getBytes(StandardCharsets.UTF_8)));
        return event;
    }

    private static Reference clientReference(String clientId) {
        return new Reference().setIdentifier(new Identifier().setSystem(CLIENT_SYSTEM).setValue(clientId))
                .setDisplay("OAuth client " + clientId);
    }

    private static AuditEventAction action(String action) {
        return switch (action) {
            case "create" -> AuditEventAction.C;
            case "read" -> AuditEventAction.R;
            case "update", "consent_granted", "consent_withdrawn" -> AuditEventAction.U;
            case "delete" -> AuditEventAction.D;
            default -> AuditEventAction.E;
        };
    }
}
