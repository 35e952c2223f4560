package health.cura.fhir.access.roles;

/** The field groups of the documented permissions object ({@code "fields": {...}}). */
public final class FieldNames {

    public static final String PATIENT_SENSITIVE_INFO = "patientSensitiveInfo";
    public static final String FINANCIAL_DATA = "financialData";

    private FieldNames() {}
}
