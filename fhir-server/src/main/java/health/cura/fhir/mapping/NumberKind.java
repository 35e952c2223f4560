package health.cura.fhir.mapping;

/** The per-clinic numbers the server assigns, and how each is written. */
public enum NumberKind {
    PATIENT("patients", "patient_id", "P%05d"),
    PRESCRIPTION("prescriptions", "prescription_number", "RX%06d"),
    LAB("lab_results", "lab_number", "LAB%06d");

    private final String table;
    private final String column;
    private final String pattern;

    NumberKind(String table, String column, String pattern) {
        this.table = table;
        this.column = column;
        this.pattern = pattern;
    }

    String table() {
        return table;
    }

    String column() {
        return column;
    }

    String format(long value) {
        return String.format(pattern, value);
    }
}
