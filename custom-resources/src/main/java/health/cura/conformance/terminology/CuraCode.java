package health.cura.conformance.terminology;

/**
 * One value of a documented Cura enum and, where the FHIR standard has one, the standard code it maps to.
 *
 * @param standardCode the code in the enum's standard system, or null when the standard has no counterpart
 * @param exact whether the standard code means exactly this value (ConceptMap equivalence {@code equivalent}) or
 *     something broader ({@code wider}); a wider mapping loses information, which is why mapped resources also carry
 *     the Cura code
 */
public record CuraCode(String code, String display, String standardCode, boolean exact) {

    public static CuraCode equivalent(String code, String display, String standardCode) {
        return new CuraCode(code, display, standardCode, true);
    }

    public static CuraCode wider(String code, String display, String standardCode) {
        return new CuraCode(code, display, standardCode, false);
    }

    public static CuraCode unmapped(String code, String display) {
        return new CuraCode(code, display, null, false);
    }
}
