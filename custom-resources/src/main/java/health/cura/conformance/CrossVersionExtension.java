package health.cura.conformance;

import java.util.List;

/**
 * An R5 element carried in R4 by its cross-version extension (http://hl7.org/fhir/versions.html#extensions): the URL
 * names the element ({@code http://hl7.org/fhir/5.0/StructureDefinition/extension-InventoryItem.status}), a
 * primitive or datatype element has a value, a backbone element has one sub-extension per child, named as the child.
 * The package defines the ones Cura uses, as the cross-version rules derive them, so that the server's validator
 * (which has no cross-version tables offline) checks them like any extension.
 *
 * @param path      the R5 element, {@code Resource.element}
 * @param context   where it may appear in R4
 * @param valueType the R4 type of its value; null for a backbone element
 * @param repeats   whether the R5 element repeats
 * @param parts     a backbone element's children
 */
public record CrossVersionExtension(String path, String title, List<String> context, String valueType,
        boolean repeats, List<Part> parts) {

    /** A child of a backbone element: a value, or (for a nested backbone) parts of its own. */
    public record Part(String name, String valueType, int min, String max, List<Part> parts) {

        public static Part value(String name, String valueType, int min, String max) {
            return new Part(name, valueType, min, max, List.of());
        }

        public static Part backbone(String name, int min, String max, Part... parts) {
            return new Part(name, null, min, max, List.of(parts));
        }
    }

    public static CrossVersionExtension value(String path, String title, List<String> context, String valueType,
            boolean repeats) {
        return new CrossVersionExtension(path, title, context, valueType, repeats, List.of());
    }

    public static CrossVersionExtension backbone(String path, String title, List<String> context, boolean repeats,
            Part... parts) {
        return new CrossVersionExtension(path, title, context, null, repeats, List.of(parts));
    }

    public String url() {
        return CuraCanonical.r5Extension(path);
    }
}
