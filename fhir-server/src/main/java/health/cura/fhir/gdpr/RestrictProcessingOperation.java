package health.cura.fhir.gdpr;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.audit.PatientOperationAudit;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import java.util.Date;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /fhir/{clinic}/Patient/{id}/$gdpr-restrict}: restricts the processing of the patient's data (UK GDPR
 * Art. 18), from the next request on: their records are stored, shown and changed only for staff who handle
 * restrictions, and left out of exports. Restricting a patient already restricted changes nothing and says since
 * when. Any member of staff whose role edits GDPR records may restrict (it only narrows who sees what); lifting is
 * {@link LiftRestrictionOperation}'s.
 */
public class RestrictProcessingOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("gdpr-restrict", "Restrict processing of a patient's data",
                    "Restricts the processing of the patient's data (UK GDPR Art. 18: the patient contests its "
                            + "accuracy, objects, or asks for it to be kept rather than erased). From the next "
                            + "request on, the patient's records are refused (403) to everyone but staff whose role "
                            + "allows all of the gdpr module, and left out of searches and bulk exports.")
            .instance("Patient")
            .changesState()
            .in("reason", "string", 1, "1", "why, in the clinic's words (for example: accuracy contested, "
                    + "objection being considered)")
            .in("request", "Reference", 0, "1", "the data subject request it answers, Task/{id} of this patient")
            .out("restricted", "boolean", 1, "1", "true")
            .out("since", "instant", 1, "1", "when the restriction took effect")
            .out("alreadyInForce", "boolean", 1, "1", "whether it was in force before this call")
            .build();

    private final ProcessingRestrictions restrictions;
    private final TenantDirectory tenants;
    private final ResourceLinks links;
    private final JdbcTemplate jdbc;
    private final PatientOperationAudit audit;
    private final TransactionTemplate transactions;

    public RestrictProcessingOperation(ProcessingRestrictions restrictions, TenantDirectory tenants,
            ResourceLinks links, JdbcTemplate jdbc, PatientOperationAudit audit, TransactionTemplate transactions) {
        this.restrictions = restrictions;
        this.tenants = tenants;
        this.links = links;
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Patient", Interaction.UPDATE),
                RoleNeed.of(ClinicModules.GDPR, StaffAction.EDIT));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$gdpr-restrict", type = Patient.class, idempotent = false)
    public Parameters restrict(@IdParam IdType patientId, @OperationParam(name = "reason", min = 1) StringType reason,
            @OperationParam(name = "request") Reference request, RequestDetails details) {
        String why = RestrictionParameters.reason(reason);
        PatientOfClinic of = PatientOfClinic.of(patientId, details, tenants, links);
        Tenant clinic = of.clinic();
        String patient = of.patient();
        String task = request == null ? null : requestOf(clinic, request, of.row());
        Integer by = RequestGrants.of(details).flatMap(AccessGrant::userRowId).orElse(null);
        Parameters answer = transactions.execute(status -> {
            var made = restrictions.restrict(clinic.id(), patient, of.row(), why, task, by);
            if (made.isPresent()) {
                audit.changed(details, patient, "$gdpr-restrict");
            }
            var inForce = made.or(() -> restrictions.inForce(clinic.id(), patient)).orElseThrow();
            return new Parameters()
                    .addParameter("restricted", new BooleanType(true))
                    .addParameter("since", new InstantType(Date.from(inForce.since())))
                    .addParameter("alreadyInForce", new BooleanType(made.isEmpty()));
        });
        return answer;
    }

    /** The Task the restriction answers: one of this patient's data subject requests. */
    private String requestOf(Tenant clinic, Reference request, int patientRow) {
        IdType id = new IdType(request.getReference() == null ? "" : request.getReference());
        if (!"Task".equals(id.getResourceType()) || !id.hasIdPart() || id.isAbsolute()) {
            throw Refusals.badParameter("request", "request is a reference to a data subject request, Task/{id}");
        }
        OptionalInt row = links.rowId(clinic.id(), "Task", id.getIdPart());
        boolean ofThisPatient = row.isPresent() && Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT patient_id = ? FROM gdpr_data_requests WHERE organization_id = ? AND id = ?", Boolean.class,
                patientRow, clinic.id(), row.getAsInt()));
        if (!ofThisPatient) {
            throw Refusals.refused("request", "Task/" + id.getIdPart() + " is no data subject request of this patient");
        }
        return id.getIdPart();
    }
}
