package health.cura.mappings.billing;

/**
 * The patient an invoice is for, as their {@code patients} row says now: what fills the invoice's patient columns when
 * the Invoice names them by reference alone.
 *
 * @param number the clinic's patient number ({@code patients.patient_id})
 * @param name   "given family", the documented form of {@code invoices.patient_name}
 */
public record BilledPatient(int rowId, String number, String name, String nhsNumber) {}
