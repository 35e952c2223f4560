package health.cura.fhir.subscriptions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's SaaS billing.
 *
 * @param currency        the ISO 4217 currency the platform prices its packages and bills its clinics in
 * @param paymentTerms    how long after a SaaS invoice is issued it falls due, unless the platform setting
 *                        {@code billing.paymentTermsDays} says otherwise ({@link PlatformSettings})
 * @param gracePeriod     how long a subscription stays past due after its invoice's due date before the clinic is
 *                        suspended, unless the platform setting {@code billing.gracePeriodDays} says otherwise
 * @param billingInterval how often the billing job looks for periods to renew, invoices overdue and grace periods
 *                        spent (on every node; each subscription is taken by one node at a time)
 */
@ConfigurationProperties("cura.saas")
public record SaasProperties(
        @DefaultValue("GBP") String currency,
        @DefaultValue("14d") Duration paymentTerms,
        @DefaultValue("14d") Duration gracePeriod,
        @DefaultValue("10m") Duration billingInterval) {}
