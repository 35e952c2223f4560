package health.cura.fhir.billing.quickbooks;

/**
 * QuickBooks refused a call, or could not be reached. The message is QuickBooks' own (its fault code and words), never
 * a token. Its status is the HTTP status, 0 when no answer came; 401 says the access token should be refreshed.
 */
public class QuickBooksFault extends RuntimeException {

    private final int status;
    private final boolean passing;

    public QuickBooksFault(int status, String message, boolean passing) {
        super(message);
        this.status = status;
        this.passing = passing;
    }

    public int status() {
        return status;
    }

    /** Whether trying again later may work without anyone changing anything (throttling, an outage). */
    public boolean passing() {
        return passing;
    }

    public boolean unauthorized() {
        return status == 401;
    }
}
