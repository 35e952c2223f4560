package health.cura.fhir.mapping;

/** The per-clinic numbers the server assigns, and how each is written. */
public enum NumberKind {
    PATIENT("patients", "patient_id", "P%05d", "patient number", "patient"),
    PRESCRIPTION("prescriptions", "prescription_number", "RX%06d", "prescription number", "prescription"),
    LAB("lab_results", "lab_number", "LAB%06d", "lab number", "lab result");

    private final String table;
    private final String column;
    private final String pattern;
    private final String noun;
    private final String owner;

    NumberKind(String table, String column, String pattern, String noun, String owner) {
        this.table = table;
        this.column = column;
        this.pattern = pattern;
        this.noun = noun;
        this.owner = owner;
    }

    String noun() {
        return noun;
    }

    String owner() {
        return owner;
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
