package health.cura.fhir.identity.staff;

import health.cura.fhir.audit.AuditTrail;
import health.cura.fhir.identity.SecurityProperties;
import health.cura.fhir.tables.ResourceLinks;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Staff sign-in against the clinic's {@code users} table. */
@Configuration(proxyBeanMethods = false)
public class StaffLoginConfiguration {

    @Bean
    StaffAccounts staffAccounts(JdbcTemplate jdbc, ResourceLinks links) {
        return new StaffAccounts(jdbc, links);
    }

    /**
     * bcrypt, the adaptive hash the clinic's own software stores; hashes written with an algorithm prefix
     * ({@code {argon2}...}) are understood too, so the work factor or algorithm can be raised later.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        DelegatingPasswordEncoder encoder =
                (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
        encoder.setDefaultPasswordEncoderForMatches(new BCryptPasswordEncoder());
        return encoder;
    }

    @Bean
    StaffAuthenticationProvider staffAuthenticationProvider(
            StaffAccounts accounts, JdbcTemplate jdbc, SecurityProperties properties, PasswordEncoder passwords,
            AuditTrail audit) {
        return new StaffAuthenticationProvider(accounts, new PlatformOwners(jdbc),
                new LoginFailures(jdbc, properties.lockout(), Clock.systemUTC()), passwords, audit);
    }
}
