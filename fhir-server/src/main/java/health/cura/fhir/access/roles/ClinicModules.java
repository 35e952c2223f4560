package health.cura.fhir.access.roles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which module of the clinic's permissions governs each FHIR type. The modules are those a clinic's roles name
 * ({@code patients}, {@code appointments}, {@code billing}, ...). A type of the patient compartment that no module names
 * is part of the medical record. Types outside every module (the clinic's directory of staff and places, conformance
 * and terminology resources) are readable by all staff; writing the directory is the {@code staff} module's.
 */
public final class ClinicModules {

    public static final String PATIENTS = "patients";
    public static final String APPOINTMENTS = "appointments";
    public static final String MEDICAL_RECORDS = "medical_records";
    public static final String PRESCRIPTIONS = "prescriptions";
    public static final String LAB_RESULTS = "lab_results";
    public static final String IMAGING = "imaging";
    public static final String BILLING = "billing";
    public static final String GDPR = "gdpr";
    public static final String STAFF = "staff";
    /** Medicines and supplies: items (Basic), stock, receipts, reorders (not in the documented permissions; Cura's own). */
    public static final String INVENTORY = "inventory";
    /** The clinic's connected apps and integrations; no FHIR type, only operations such as {@code $register-client}. */
    public static final String SETTINGS = "settings";

    private static final Map<String, List<String>> TYPES = Map.of(
            PATIENTS, List.of("Patient", "RelatedPerson", "Person", "Flag"),
            APPOINTMENTS, List.of("Appointment", "AppointmentResponse", "Schedule", "Slot"),
            PRESCRIPTIONS, List.of("MedicationRequest", "MedicationStatement", "MedicationDispense",
                    "MedicationAdministration"),
            LAB_RESULTS, List.of("DiagnosticReport", "Specimen"),
            IMAGING, List.of("ImagingStudy", "Media"),
            BILLING, List.of("Invoice", "Claim", "ClaimResponse", "ChargeItem", "Account", "Coverage",
                    "ExplanationOfBenefit", "PaymentNotice", "PaymentReconciliation"),
            // Task is the data subject request (gdpr_data_requests): Cura keeps no other kind of Task
            GDPR, List.of("Consent", "AuditEvent", "Task"),
            INVENTORY, List.of("Basic", "SupplyRequest", "SupplyDelivery"));

    /** The clinic's directory: every member of staff reads it, the {@code staff} module writes it. */
    private static final List<String> DIRECTORY =
            List.of("Practitioner", "PractitionerRole", "Organization", "Location", "HealthcareService");

    private final Map<String, String> moduleOfType = new HashMap<>();

    public ClinicModules(FhirContext fhir) {
        for (String type : fhir.getResourceTypes()) {
            RuntimeResourceDefinition definition = fhir.getResourceDefinition(type);
            boolean patientData = definition.getSearchParams().stream()
                    .anyMatch(param -> param.getProvidesMembershipInCompartments() != null
                            && param.getProvidesMembershipInCompartments().contains("Patient"));
            if (patientData) {
                moduleOfType.put(type, MEDICAL_RECORDS);
            }
        }
        TYPES.forEach((module, types) -> types.forEach(type -> moduleOfType.put(type, module)));
        DIRECTORY.forEach(type -> moduleOfType.put(type, STAFF));
    }

    /** The module that governs the type, or empty when any member of staff may use it. */
    public Optional<String> of(String resourceType) {
        return Optional.ofNullable(moduleOfType.get(resourceType));
    }

    /** Whether a module's {@code view} flag matters for the type: the directory is readable by all staff. */
    public boolean viewIsGoverned(String resourceType) {
        return !DIRECTORY.contains(resourceType);
    }
}
