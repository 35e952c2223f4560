package health.cura.conformance;

/** Canonical URLs of the HL7 UK Core definitions the Cura profiles build on. */
public final class UkCore {

    /** Identifier system of the NHS number. */
    public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    private static final String STRUCTURE_DEFINITION = "https://fhir.hl7.org.uk/StructureDefinition/";

    private UkCore() {}

    /** The UK Core profile {@code UKCore-<name>}, for example {@code profile("Patient")}. */
    public static String profile(String name) {
        return STRUCTURE_DEFINITION + "UKCore-" + name;
    }
}
