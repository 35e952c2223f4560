package health.cura.mappings.lab;

import java.math.BigDecimal;

/**
 * One entry of {@code lab_results.results} (jsonb array), and one Observation of the report:
 * {@code {"name", "code", "system", "value", "text", "unit", "low", "high", "flag"}}, each optional but the name.
 *
 * @param name what was measured (Observation.code.text, else its coding's display, else its code)
 * @param value a numeric result (Observation.valueQuantity.value)
 * @param text a result that is not a number (Observation.valueString)
 * @param flag the HL7 v3 ObservationInterpretation code (N, H, L, A, HH, LL, ...)
 */
public record LabValue(
        String name, String code, String system, BigDecimal value, String text, String unit, BigDecimal low,
        BigDecimal high, String flag) {}
