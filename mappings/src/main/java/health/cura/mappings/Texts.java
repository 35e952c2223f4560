package health.cura.mappings;

/** Small helpers for the text columns. */
public final class Texts {

    private Texts() {}

    /** Null for a null or blank value: FHIR forbids empty strings, so blank columns have no element. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
