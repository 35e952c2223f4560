package health.cura.fhir.capture;

import health.cura.mappings.UnmappableResourceException;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** A mapper's resource for a row other software wrote, or the reason it has none, naming the table. */
public final class RowMapping {

    private RowMapping() {}

    /**
     * Runs the mapping; a value the mapper cannot represent (a code outside the documented values, a required value
     * missing) becomes a reason to park the change rather than a failure to retry.
     */
    public static <T> T of(String table, String resourceType, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (NoSuchElementException | IllegalArgumentException | NullPointerException e) {
            throw new UnmappableResourceException(table, "a " + table + " row holds a value its " + resourceType
                    + " cannot represent (a code outside the documented values, or a required value missing)");
        }
    }
}
