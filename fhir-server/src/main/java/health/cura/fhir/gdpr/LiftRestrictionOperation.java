package health.cura.fhir.gdpr;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.audit.PatientOperationAudit;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
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
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /fhir/{clinic}/Patient/{id}/$gdpr-lift-restriction}: lifts the restriction of processing in force, from
 * the next request on. Only a member of staff who handles restrictions ({@link RestrictionHandlers}) lifts one, and
 * only once the patient has been told it will be (UK GDPR Art. 18(3)); the restriction's record is kept.
 */
public class LiftRestrictionOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("gdpr-lift-restriction", "Lift a restriction of processing",
                    "Lifts the restriction of processing of the patient's data. Only staff whose role allows all "
                            + "of the gdpr module lift one, and only once the patient has been told (UK GDPR "
                            + "Art. 18(3)). The restriction's record (when, why, by whom, and its lifting) is kept.")
            .instance("Patient")
            .changesState()
            .in("reason", "string", 1, "1", "why it is lifted (for example: accuracy verified, objection decided)")
            .in("patientInformed", "boolean", 1, "1", "true: the patient was told before the restriction is lifted")
            .out("restricted", "boolean", 1, "1", "false")
            .out("liftedAt", "instant", 1, "1", "when the restriction ended")
            .build();

    private final ProcessingRestrictions restrictions;
    private final TenantDirectory tenants;
    private final ResourceLinks links;
    private final PatientOperationAudit audit;
    private final TransactionTemplate transactions;

    public LiftRestrictionOperation(ProcessingRestrictions restrictions, TenantDirectory tenants, ResourceLinks links,
            PatientOperationAudit audit, TransactionTemplate transactions) {
        this.restrictions = restrictions;
        this.tenants = tenants;
        this.links = links;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    /** Staff only, whose role allows all of the gdpr module: as {@link RestrictionHandlers} has it. */
    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.userRowId().isPresent(),
                RoleNeed.of(ClinicModules.GDPR, StaffAction.VIEW).and(ClinicModules.GDPR, StaffAction.CREATE)
                        .and(ClinicModules.GDPR, StaffAction.EDIT).and(ClinicModules.GDPR, StaffAction.DELETE));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$gdpr-lift-restriction", type = Patient.class, idempotent = false)
    public Parameters lift(@IdParam IdType patientId, @OperationParam(name = "reason", min = 1) StringType reason,
            @OperationParam(name = "patientInformed", min = 1) BooleanType patientInformed, RequestDetails details) {
        String why = RestrictionParameters.reason(reason);
        if (patientInformed == null || !Boolean.TRUE.equals(patientInformed.getValue())) {
            throw Refusals.badParameter("patientInformed", "The patient is told before a restriction is lifted "
                    + "(UK GDPR Art. 18(3)): patientInformed must be true");
        }
        PatientOfClinic of = PatientOfClinic.of(patientId, details, tenants, links);
        Tenant clinic = of.clinic();
        String patient = of.patient();
        Integer by = RequestGrants.of(details).flatMap(AccessGrant::userRowId).orElse(null);
        return transactions.execute(status -> {
            var lifted = restrictions.lift(clinic.id(), patient, why, by).orElseThrow(() -> Refusals.conflict(
                    "Patient", "The processing of Patient/" + patient + "'s data is not restricted"));
            audit.changed(details, patient, "$gdpr-lift-restriction");
            return new Parameters()
                    .addParameter("restricted", new BooleanType(false))
                    .addParameter("liftedAt", new InstantType(Date.from(lifted)));
        });
    }
}
