package health.cura.fhir.billing.quickbooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The server's QuickBooks Online app, and how it pushes the clinics' invoices and payments.
 *
 * @param clientId       the Intuit app's client id; empty: clinics cannot connect
 * @param clientSecret   the Intuit app's client secret
 * @param tokenUrl       Intuit's OAuth 2.0 token endpoint (code exchange and refresh)
 * @param apiUrl         the QuickBooks Online API base, up to {@code /v3}; Intuit's sandbox is
 *                       {@code https://sandbox-quickbooks.api.intuit.com/v3}
 * @param minorVersion   the API minor version every request asks for
 * @param serviceItemId  the QuickBooks item (product or service) invoice lines are booked to, until items are synced;
 *                       {@code 1} is the "Services" item of a new company
 * @param refundAccountId the QuickBooks account (bank or cash) refunds are paid from, as their
 *                       {@code DepositToAccountRef}; empty: refunds wait, shown as failed, until it is set
 * @param pollInterval   how often this node looks for clinics due a sync ({@code auto_sync} and their
 *                       {@code sync_frequency}) and for failed pushes due another try
 * @param maxAttempts    tries of one push before it is marked failed (it stays listed, and {@code $quickbooks-sync}
 *                       tries it again)
 * @param firstRetry     wait after a first failure; doubled after each further one, up to six hours
 * @param timeout        how long one call to QuickBooks may take
 */
@ConfigurationProperties("cura.quickbooks")
public record QuickBooksProperties(
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer") String tokenUrl,
        @DefaultValue("https://quickbooks.api.intuit.com/v3") String apiUrl,
        @DefaultValue("75") int minorVersion,
        @DefaultValue("1") String serviceItemId,
        @DefaultValue("") String refundAccountId,
        @DefaultValue("1m") Duration pollInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("1m") Duration firstRetry,
        @DefaultValue("20s") Duration timeout) {}
