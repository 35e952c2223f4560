package health.cura.mappings.prescription;

/**
 * The columns of a {@code prescriptions} row that a FHIR MedicationRequest owns. Not owned:
 * {@code prescription_created_by}, {@code signature}, {@code sent_to_pharmacy_at},
 * {@code dispensed_at}, {@code attachments} and the timestamps. Text columns the document declares NOT NULL hold an
 * empty string when FHIR has nothing for them.
 *
 * @param consultationId the consultations row of the encounter the prescription was written in, if any
 */
public record PrescriptionRow(
        int patientId,
        int doctorId,
        Integer consultationId,
        String prescriptionNumber,
        String medicationName,
        String dosage,
        String frequency,
        String duration,
        Integer quantity,
        Integer refills,
        String instructions,
        String diagnosis,
        String status,
        Pharmacy pharmacy,
        String notes) {

    /** {@code pharmacy_name}, {@code pharmacy_email}, {@code pharmacy_phone}. */
    public record Pharmacy(String name, String email, String phone) {
        public static final Pharmacy NONE = new Pharmacy(null, null, null);
    }
}
