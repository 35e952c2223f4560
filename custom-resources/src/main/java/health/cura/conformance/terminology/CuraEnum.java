package health.cura.conformance.terminology;

import health.cura.conformance.CuraCanonical;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A documented enum of the Cura schema (a column's allowed values) as a FHIR CodeSystem, with its map to the standard
 * code system that FHIR uses for the same element.
 *
 * @param id the CodeSystem's id and the last part of its canonical URL
 * @param column the table column whose values these are, as {@code table.column}
 * @param standardSystem the system of the standard codes, or null when FHIR has no standard for the element
 * @param fromStandard standard codes that no Cura value maps to but that clients may send, and the Cura code each is
 *     stored as (for example appointment {@code arrived} is stored as {@code scheduled})
 */
public record CuraEnum(
        String id,
        String title,
        String column,
        String standardSystem,
        List<CuraCode> codes,
        Map<String, String> fromStandard) {

    public CuraEnum {
        codes = List.copyOf(codes);
        fromStandard = Map.copyOf(fromStandard);
    }

    /** An enum that FHIR has no standard code system for: its values are Cura codes only. */
    public static CuraEnum local(String id, String title, String column, String... codesAndDisplays) {
        ArrayList<CuraCode> codes = new ArrayList<>();
        for (int i = 0; i < codesAndDisplays.length; i += 2) {
            codes.add(CuraCode.unmapped(codesAndDisplays[i], codesAndDisplays[i + 1]));
        }
        return new CuraEnum(id, title, column, null, codes, Map.of());
    }

    public String system() {
        return CuraCanonical.BASE + "/CodeSystem/" + id;
    }

    public String valueSet() {
        return CuraCanonical.BASE + "/ValueSet/" + id;
    }

    public String conceptMap() {
        return CuraCanonical.BASE + "/ConceptMap/" + id + "-to-standard";
    }

    public boolean contains(String code) {
        return find(code).isPresent();
    }

    public Optional<CuraCode> find(String code) {
        return codes.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public String display(String code) {
        return find(code).map(CuraCode::display).orElse(code);
    }

    /** The standard code for a Cura value, if the standard has one. */
    public Optional<String> toStandard(String code) {
        return find(code).map(CuraCode::standardCode);
    }

    /**
     * The Cura value a standard code is stored as: the first Cura value mapped to it (the list is ordered so that the
     * most general comes first), or the explicit {@link #fromStandard} entry.
     */
    public Optional<String> fromStandard(String standardCode) {
        for (CuraCode code : codes) {
            if (standardCode.equals(code.standardCode())) {
                return Optional.of(code.code());
            }
        }
        return Optional.ofNullable(fromStandard.get(standardCode));
    }

    /** Every standard code a client may send, in the order of the Cura values they map to. */
    public Map<String, String> acceptedStandardCodes() {
        Map<String, String> accepted = new LinkedHashMap<>();
        for (CuraCode code : codes) {
            if (code.standardCode() != null) {
                accepted.putIfAbsent(code.standardCode(), code.code());
            }
        }
        // sorted: a Map.copyOf's order changes from one JVM to the next, and the ConceptMap built from this must not
        new java.util.TreeMap<>(fromStandard).forEach(accepted::putIfAbsent);
        return accepted;
    }
}
