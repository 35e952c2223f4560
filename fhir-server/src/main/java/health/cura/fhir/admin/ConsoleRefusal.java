package health.cura.fhir.admin;

/**
 * A FHIR request of the console that the server refused, with what to tell the person at the browser: the status of
 * the answer and a sentence in words, never the answer's technical details.
 */
public final class ConsoleRefusal extends RuntimeException {

    private final int status;

    public ConsoleRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
