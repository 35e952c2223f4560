package health.cura.mappings.patient;

/**
 * {@code patients.emergency_contact} (jsonb): {@code {"name", "relationship", "phone", "email"}}, each optional. In
 * FHIR it is the Patient.contact whose relationship is HL7 v2-0131 {@code C} (emergency contact).
 */
public record EmergencyContact(String name, String relationship, String phone, String email) {

    public static final EmergencyContact NONE = new EmergencyContact(null, null, null, null);

    public boolean isEmpty() {
        return NONE.equals(this);
    }
}
