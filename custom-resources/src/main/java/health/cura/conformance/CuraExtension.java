package health.cura.conformance;

import java.util.List;

/**
 * An extension the package defines for a Cura column that FHIR has no element for.
 *
 * @param context the element paths it may appear on
 * @param valueType the FHIR type of its value
 * @param repeats whether a resource may carry it more than once
 * @param column the Cura column it holds, as {@code table.column}, or null when it holds no single column
 */
public record CuraExtension(
        String id, String title, String description, List<String> context, String valueType, boolean repeats,
        String column, String valueSet) {

    public String url() {
        return CuraCanonical.extension(id);
    }
}
