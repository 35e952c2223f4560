package health.cura.fhir.admin.clinic;

import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/** How a lab result's value and its abnormal flag read on a page. */
final class LabValues {

    private static final Set<String> ABNORMAL = Set.of("H", "L", "HH", "LL", "A", "AA", "HU", "LU", ">", "<");
    private static final Map<String, String> WORDS = Map.of("H", "High", "L", "Low", "HH", "Critically high",
            "LL", "Critically low", "A", "Abnormal", "AA", "Critically abnormal", "HU", "Significantly high",
            "LU", "Significantly low", ">", "Above the measurable range", "<", "Below the measurable range");

    private LabValues() {}

    static String value(Observation observation) {
        if (observation.hasValueQuantity()) {
            Quantity quantity = observation.getValueQuantity();
            return quantity.getValue().toPlainString() + (quantity.hasUnit() ? " " + quantity.getUnit() : "");
        }
        return observation.hasValue() ? observation.getValue().primitiveValue() : "";
    }

    /** The flag's words ("High"), or empty for a normal result. */
    static String flag(Observation observation) {
        return observation.getInterpretation().stream().flatMap(concept -> concept.getCoding().stream())
                .map(coding -> coding.getCode()).filter(ABNORMAL::contains).findFirst()
                .map(code -> WORDS.getOrDefault(code, "Abnormal")).orElse("");
    }

    static String range(Observation observation) {
        return observation.getReferenceRange().stream().findFirst().map(range -> range.hasText() ? range.getText()
                : (range.hasLow() ? range.getLow().getValue().toPlainString() : "") + " to "
                        + (range.hasHigh() ? range.getHigh().getValue().toPlainString() : "")).orElse("");
    }
}
