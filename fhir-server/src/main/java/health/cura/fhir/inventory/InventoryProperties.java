package health.cura.fhir.inventory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The inventory of every clinic.
 *
 * @param expiryWindowDays   batches expiring within this many days are notified (once per batch) and listed by
 *                           {@code $expiring} when it is called without {@code days}
 * @param expiryCheckInterval how often the expiry job looks for such batches; every node may run it, each batch is
 *                           notified once
 */
@ConfigurationProperties("cura.inventory")
public record InventoryProperties(
        @DefaultValue("30") int expiryWindowDays,
        @DefaultValue("1h") Duration expiryCheckInterval) {}
