package health.cura.fhir.gdpr;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.cura.fhir.access.roles.ClinicModules;
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
import java.util.Set;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/{clinic}/Patient/{id}/$gdpr-erase}: the patient's right to erasure (UK GDPR Art. 17) as the law
 * has it ({@link PatientErasure}): what may go goes now; what the clinic must keep is kept, restricted, until its
 * retention period ends, then purged by the retention job. Answers a report of what was erased, what was kept, until
 * when and under which rule. A patient whose processing is restricted is erased only by staff who handle
 * restrictions; a patient is erased once.
 */
public class EraseOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("gdpr-erase", "Erase a patient's data as the law allows",
                    "Erases now what the law lets go (the patient's contact details in every table and every FHIR "
                            + "version, their communications and chatbot conversations), withdraws their consents, "
                            + "and keeps, restricted, what the clinic must keep: clinical records for their retention "
                            + "period (NHS Records Management Code of Practice, configurable per clinic), financial "
                            + "records intact for the accounting period's, consents, requests and the audit trail as "
                            + "evidence. The retention job purges each class once its period ends. Answers a report.")
            .instance("Patient")
            .changesState()
            .in("request", "Reference", 0, "1", "the erasure request it answers, Task/{id} of this patient "
                    + "(identity verified): completed with the report")
            .out("erased", null, 0, "*", "what was erased")
            .part("record", "string", 1, "1", "the table or FHIR type")
            .part("detail", "string", 1, "1", "which columns, rows or versions")
            .out("kept", null, 0, "*", "what was kept")
            .part("class", "code", 1, "1", "clinical | financial | evidence | audit")
            .part("records", "string", 1, "1", "the tables (and FHIR records) kept")
            .part("until", "date", 0, "1", "the day after which it is purged; absent: kept under its own rule")
            .part("rule", "string", 1, "1", "the rule that keeps it")
            .out("restrictedSince", "instant", 1, "1", "since when what is kept is restricted")
            .build();

    private final PatientErasure erasure;
    private final ProcessingRestrictions restrictions;
    private final RestrictionHandlers handlers;
    private final TenantDirectory tenants;
    private final ResourceLinks links;
    private final RequestTasks tasks;

    public EraseOperation(PatientErasure erasure, ProcessingRestrictions restrictions, RestrictionHandlers handlers,
            TenantDirectory tenants, ResourceLinks links, RequestTasks tasks) {
        this.erasure = erasure;
        this.restrictions = restrictions;
        this.handlers = handlers;
        this.tenants = tenants;
        this.links = links;
        this.tasks = tasks;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    /** Backend services that change patients; staff whose role edits patients and GDPR records. */
    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Patient", Interaction.UPDATE,
                Interaction.DELETE), RoleNeed.of(ClinicModules.GDPR, StaffAction.EDIT)
                .and(ClinicModules.PATIENTS, StaffAction.EDIT));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$gdpr-erase", type = Patient.class, idempotent = false)
    public Parameters erase(@IdParam IdType patientId, @OperationParam(name = "request") Reference request,
            RequestDetails details) {
        PatientOfClinic of = PatientOfClinic.of(patientId, details, tenants, links);
        Tenant clinic = of.clinic();
        String patient = of.patient();
        erasure.erasedAt(clinic.id(), patient).ifPresent(at -> {
            throw Refusals.conflict("Patient", "Patient/" + patient + " was erased at " + at + ": what is kept is "
                    + "purged by the retention job when its period ends");
        });
        restrictions.inForce(clinic.id(), patient).filter(r -> !handlers.handles(details)).ifPresent(r -> {
            throw new ForbiddenOperationException("The processing of Patient/" + patient + "'s data is restricted "
                    + "(UK GDPR Art. 18): only staff who handle restrictions may erase it");
        });
        String task = request == null ? null
                : tasks.answerable(clinic, request, of.row(), Set.of("erasure"));
        PatientErasure.Report report = erasure.erase(clinic, patient, of.row(), details);
        Parameters answer = new Parameters();
        for (String[] erased : report.erased()) {
            var part = answer.addParameter().setName("erased");
            part.addPart().setName("record").setValue(new StringType(erased[0]));
            part.addPart().setName("detail").setValue(new StringType(erased[1]));
        }
        StringBuilder summary = new StringBuilder("Erased now; kept:");
        for (PatientErasure.Kept kept : report.kept()) {
            var part = answer.addParameter().setName("kept");
            part.addPart().setName("class").setValue(new org.hl7.fhir.r4.model.CodeType(kept.recordClass()));
            part.addPart().setName("records").setValue(new StringType(kept.records()));
            kept.until().ifPresent(until -> part.addPart().setName("until").setValue(new DateType(until.toString())));
            part.addPart().setName("rule").setValue(new StringType(kept.rule()));
            summary.append(' ').append(kept.recordClass()).append(kept.until().map(u -> " until " + u).orElse(""))
                    .append(';');
        }
        answer.addParameter("restrictedSince", new InstantType(Date.from(report.restrictedSince())));
        if (task != null) {
            tasks.complete(clinic, task, "Erasure report", summary.toString());
        }
        return answer;
    }
}
