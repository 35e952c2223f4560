package health.cura.mappings;

/**
 * A resource that no documented rule can turn into its Cura row: a required column has no source. The server answers
 * 422 with an OperationOutcome naming {@link #element()}.
 */
public final class UnmappableResourceException extends RuntimeException {

    private final String element;

    public UnmappableResourceException(String element, String message) {
        super(message);
        this.element = element;
    }

    /** The FHIRPath of the element that is missing or wrong, for example {@code Appointment.participant}. */
    public String element() {
        return element;
    }
}
