package health.cura.conformance;

/** Canonical URLs of the Cura conformance package and the identifier systems it defines. */
public final class CuraCanonical {

    /** Root of every canonical URL the package defines. */
    public static final String BASE = "https://fhir.cura.health";

    /** Identifier system of a clinic's own Organization: the value is the tenant's subdomain. */
    public static final String TENANT_IDENTIFIER_SYSTEM = BASE + "/Id/tenant";

    /** Identifier system of the clinic's own patient number ({@code patients.patient_id}): one per clinic. */
    public static String patientNumberSystem(String tenantSubdomain) {
        return BASE + "/Id/patient-number/" + tenantSubdomain;
    }

    private CuraCanonical() {}
}
