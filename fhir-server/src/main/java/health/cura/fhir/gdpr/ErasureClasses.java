package health.cura.fhir.gdpr;

import health.cura.fhir.tables.CuraTable;
import health.cura.fhir.tables.CuraTables;
import java.util.List;
import java.util.Set;

/**
 * How an erasure treats each table the registry says holds patient data. Erased at once: the patient's
 * communications log and chatbot conversations (non-clinical contact), and every contact column of the patient
 * (email, phone, address, emergency contact, communication preferences). Kept as evidence the clinic must be able to
 * show: consents, data subject requests, the audit trail. Kept intact under the financial period: invoices,
 * payments, claims. Every other patient table, and any the registry gains, is a clinical record kept for its
 * retention period: the safe side of a new table.
 */
final class ErasureClasses {

    static final List<String> ERASED = List.of("patient_communications", "chatbot_sessions");
    /** Payments before invoices: a payment names its invoice. */
    static final List<String> FINANCIAL = List.of("payments", "claims", "invoices");
    static final Set<String> EVIDENCE = Set.of("gdpr_consents", "gdpr_data_requests", "gdpr_audit_trail");

    /** FHIR types whose records are financial or evidence, and so not purged with the clinical record. */
    static final Set<String> NOT_CLINICAL_TYPES = Set.of("Patient", "Consent", "Task", "Invoice",
            "PaymentReconciliation", "Claim", "ClaimResponse", "Coverage", "AuditEvent");

    /** FHIR types kept when the patient's identity goes: the evidence, and the Patient itself (pseudonymised). */
    static final Set<String> EVIDENCE_TYPES = Set.of("Patient", "Consent", "Task", "AuditEvent");

    private ErasureClasses() {}

    static List<CuraTable> clinical() {
        return CuraTables.withPatientData().stream().filter(table -> !table.name().equals("patients")
                && !ERASED.contains(table.name()) && !FINANCIAL.contains(table.name())
                && !EVIDENCE.contains(table.name())).toList();
    }

    static List<CuraTable> financial() {
        return FINANCIAL.stream().map(name -> CuraTables.named(name).orElseThrow()).toList();
    }
}
