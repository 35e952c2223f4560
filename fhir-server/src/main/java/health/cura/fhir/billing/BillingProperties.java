package health.cura.fhir.billing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The billing jobs of every clinic.
 *
 * @param overdueCheckInterval how often issued invoices past their due date are marked overdue and the clinic's
 *                             billing staff notified; every node may run it, each invoice is marked once
 * @param overdueBatch         how many invoices one run marks at most, so that a backlog is worked off in short
 *                             transactions
 */
@ConfigurationProperties("cura.billing")
public record BillingProperties(
        @DefaultValue("15m") Duration overdueCheckInterval,
        @DefaultValue("500") int overdueBatch) {}
