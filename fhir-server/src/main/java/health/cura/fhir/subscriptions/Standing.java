package health.cura.fhir.subscriptions;

import java.util.Optional;

/**
 * Where a clinic stands with the platform, and the one table by which {@code saas_subscriptions.status} and
 * {@code organizations.subscription_status} move together:
 *
 * <table>
 *   <tr><th>subscription</th><th>organization</th><th>the clinic</th></tr>
 *   <tr><td>active, {@code trial_end} ahead</td><td>trial</td><td>works</td></tr>
 *   <tr><td>active</td><td>active</td><td>works</td></tr>
 *   <tr><td>past_due</td><td>active</td><td>works, every answer warned</td></tr>
 *   <tr><td>suspended</td><td>suspended</td><td>reads only: writes 402</td></tr>
 *   <tr><td>cancelled</td><td>cancelled</td><td>closed: 403</td></tr>
 * </table>
 *
 * A clinic without a subscription stands by its organization's status alone.
 */
public enum Standing {
    TRIAL("active", "trial"),
    ACTIVE("active", "active"),
    PAST_DUE("past_due", "active"),
    SUSPENDED("suspended", "suspended"),
    CANCELLED("cancelled", "cancelled");

    private final String subscriptionStatus;
    private final String organizationStatus;

    Standing(String subscriptionStatus, String organizationStatus) {
        this.subscriptionStatus = subscriptionStatus;
        this.organizationStatus = organizationStatus;
    }

    public String subscriptionStatus() {
        return subscriptionStatus;
    }

    public String organizationStatus() {
        return organizationStatus;
    }

    /** From the two columns; an organization status outside the documented ones reads as active. */
    public static Standing of(Optional<String> subscription, String organization) {
        if (subscription.filter("past_due"::equals).isPresent()) {
            return PAST_DUE;
        }
        return switch (organization == null ? "active" : organization) {
            case "trial" -> TRIAL;
            case "suspended" -> SUSPENDED;
            case "cancelled" -> CANCELLED;
            default -> ACTIVE;
        };
    }
}
