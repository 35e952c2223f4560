package health.cura.fhir.audit;

import java.util.Collection;
import java.util.Map;

/** The kind of record a FHIR type is in the audit trail's {@code resource_type}, in Cura's terms. */
final class RecordKinds {

    private static final Map<String, String> KINDS = Map.of(
            "Patient", "patient",
            "MedicationRequest", "prescription",
            "DiagnosticReport", "lab_result",
            "ImagingStudy", "imaging",
            "Invoice", "invoice",
            "Appointment", "appointment",
            "Encounter", "consultation",
            "Consent", "consent",
            "Coverage", "insurance");

    /** What the rest of a patient's record is filed under. */
    static final String MEDICAL_RECORD = "medical_record";

    private RecordKinds() {}

    static String of(String fhirType) {
        return KINDS.getOrDefault(fhirType, MEDICAL_RECORD);
    }

    /** The kind shared by all the records ({@code Type/id}), or the general medical record when they differ. */
    static String ofAll(Collection<String> records) {
        return records.stream().map(record -> of(record.substring(0, record.indexOf('/')))).distinct()
                .reduce((a, b) -> MEDICAL_RECORD).orElse(MEDICAL_RECORD);
    }
}
