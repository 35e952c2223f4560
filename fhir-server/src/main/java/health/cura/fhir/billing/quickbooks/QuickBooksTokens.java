package health.cura.fhir.billing.quickbooks;

import java.time.Instant;

/** The OAuth tokens of a clinic's QuickBooks Online connection, in the clear (only ever in memory). */
public record QuickBooksTokens(String accessToken, String refreshToken, Instant expiry) {

    @Override
    public String toString() {
        return "QuickBooksTokens[expiry=" + expiry + "]";
    }
}
