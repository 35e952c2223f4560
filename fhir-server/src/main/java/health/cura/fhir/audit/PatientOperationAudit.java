package health.cura.fhir.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Optional;

/**
 * Records in the trail what an operation did with a patient's record that no FHIR interaction shows: a restriction of
 * processing put in place or lifted (an {@code update} row), an export handed over (an {@code export} row), each
 * naming the operation, in the caller's transaction.
 */
public final class PatientOperationAudit {

    private final AuditTrail trail;

    public PatientOperationAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** An {@code export} row: the patient's records handed over by the operation. */
    public void exported(RequestDetails request, String patient, List<String> records, String operation) {
        FhirRequesters.of(request).ifPresent(requester -> trail.write(List.of(new AuditEntry(request.getTenantId(),
                requester, "export", Optional.of(operation), Optional.of(patient), records,
                RecordKinds.ofAll(records), "0", Optional.empty(), Optional.empty()))));
    }

    public void changed(RequestDetails request, String patient, String operation) {
        FhirRequesters.of(request).ifPresent(requester -> trail.write(List.of(new AuditEntry(request.getTenantId(),
                requester, "update", Optional.of(operation), Optional.of(patient), List.of("Patient/" + patient),
                RecordKinds.of("Patient"), "0", Optional.empty(), Optional.empty()))));
    }
}
