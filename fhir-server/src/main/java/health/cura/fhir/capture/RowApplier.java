package health.cura.fhir.capture;

/**
 * Brings the FHIR resources of one table's row to the row's current state: creates them (and their links) for a row
 * that has none, merges the row into them (elements the mapper owns from the row, every other element kept), or
 * deletes them when the row is gone. Reads the row as it is now, not as the change recorded it, so that applying a
 * row twice, or after later changes, gives the same result. Writes only through {@link CapturedWrites}.
 */
public interface RowApplier {

    /** The table whose rows this applies. */
    String table();

    void apply(CapturedRow row);

    /**
     * Whether the table's rows outside every clinic (the platform owners' {@code users} rows, clinic 0) are no
     * resources and their changes simply done, rather than parked as rows of an unknown clinic.
     */
    default boolean ignoresRowsOutsideClinics() {
        return false;
    }
}
