package health.cura.fhir.mapping;

import java.util.Map;

/** Which Cura table holds the rows of each mapped resource type. */
public final class MappedTables {

    private static final Map<String, String> TABLES = Map.of(
            "Organization", "organizations",
            "Practitioner", "users",
            "Patient", "patients",
            "Appointment", "appointments",
            "Encounter", "consultations",
            "MedicationRequest", "prescriptions",
            "DiagnosticReport", "lab_results",
            "ImagingStudy", "medical_images",
            "Consent", "gdpr_consents");

    private MappedTables() {}

    public static String tableOf(String resourceType) {
        String table = TABLES.get(resourceType);
        if (table == null) {
            throw new IllegalArgumentException(resourceType + " is not mapped to a Cura table");
        }
        return table;
    }
}
