package health.cura.fhir.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo clinic created on the first start of an embedded database.
 *
 * @param enabled       create it at all
 * @param patients      how many patients it gets
 * @param staffPassword the password of the demo practitioners' sign-in accounts (a development database only)
 */
@ConfigurationProperties("cura.demo")
public record DemoClinicProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50") int patients,
        @DefaultValue("cura-demo") String staffPassword) {}
