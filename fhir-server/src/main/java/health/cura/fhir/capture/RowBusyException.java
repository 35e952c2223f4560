package health.cura.fhir.capture;

/**
 * A row a change needs (the patient an appointment points at) is being applied by another worker: the change is
 * tried again in a moment, without counting as a failed attempt. Taking such locks without waiting keeps workers that
 * need the same rows in different orders from deadlocking.
 */
public final class RowBusyException extends RuntimeException {

    public RowBusyException(String table, int rowId) {
        super(table + " row " + rowId + " is being applied by another worker");
    }
}
