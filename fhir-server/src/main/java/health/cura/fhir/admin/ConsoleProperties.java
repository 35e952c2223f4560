package health.cura.fhir.admin;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code cura.console.*} keys: how the clinic and platform consoles show things.
 *
 * @param timeZone the time zone in which the consoles show and take times (stored times stay UTC); the clinics'
 *                 schema has no time zone of its own
 * @param pageSize how many rows a console list shows at most
 */
@ConfigurationProperties("cura.console")
public record ConsoleProperties(
        @DefaultValue("Europe/London") ZoneId timeZone,
        @DefaultValue("50") int pageSize) {}
