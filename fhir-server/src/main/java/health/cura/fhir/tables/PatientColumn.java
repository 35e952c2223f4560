package health.cura.fhir.tables;

/**
 * The column of a table that names the patient a row is about: most hold the {@code patients} row id; the schema's
 * {@code invoices} and {@code payments} hold the clinic's patient number ({@code patients.patient_id}, text) instead.
 *
 * @param name            the column
 * @param byPatientNumber true when it holds the patient number rather than the row id
 */
public record PatientColumn(String name, boolean byPatientNumber) {

    public static PatientColumn rowId(String name) {
        return new PatientColumn(name, false);
    }

    public static PatientColumn patientNumber(String name) {
        return new PatientColumn(name, true);
    }
}
