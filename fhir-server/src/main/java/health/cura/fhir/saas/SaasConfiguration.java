package health.cura.fhir.saas;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import health.cura.fhir.operations.OperationCatalog;
import health.cura.fhir.tenancy.TenantDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The platform's SaaS: its packages and the clinics' standing (issue 21, being built). */
@Configuration(proxyBeanMethods = false)
class SaasConfiguration {

    @Bean
    SaasPackages saasPackages(JdbcTemplate jdbc) {
        return new SaasPackages(jdbc);
    }

    @Bean
    ClinicStandings clinicStandings(JdbcTemplate jdbc) {
        return new ClinicStandings(jdbc);
    }

    @Bean
    StandingGate standingGate(ClinicStandings standings, TenantDirectory tenants, OperationCatalog operations) {
        return new StandingGate(standings, tenants, operations);
    }

    @Bean
    ClinicLifecycle clinicLifecycle(TenantDirectory tenants, ClinicStandings standings, JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        return new ClinicLifecycle(tenants, standings, jdbc, new TransactionTemplate(transactions));
    }

    @Bean
    SuspendClinicOperation suspendClinicOperation(ClinicLifecycle lifecycle) {
        return new SuspendClinicOperation(lifecycle);
    }

    @Bean
    ReactivateClinicOperation reactivateClinicOperation(ClinicLifecycle lifecycle, JdbcTemplate jdbc) {
        return new ReactivateClinicOperation(lifecycle, jdbc);
    }

    @Bean
    CancelClinicOperation cancelClinicOperation(ClinicLifecycle lifecycle, JdbcTemplate jdbc) {
        return new CancelClinicOperation(lifecycle, jdbc);
    }

    @Bean
    Subscriptions subscriptions(JdbcTemplate jdbc, ClinicStandings standings) {
        return new Subscriptions(jdbc, standings, java.time.Clock.systemUTC());
    }

    @Bean
    SubscribeOperation subscribeOperation(ClinicLifecycle lifecycle, Subscriptions subscriptions) {
        return new SubscribeOperation(lifecycle, subscriptions);
    }

    @Bean
    CreatePackageOperation createPackageOperation(SaasPackages packages, ObjectMapper json,
            SaasProperties properties) {
        return new CreatePackageOperation(packages, json, properties);
    }

    @Bean
    UpdatePackageOperation updatePackageOperation(SaasPackages packages, ObjectMapper json,
            SaasProperties properties) {
        return new UpdatePackageOperation(packages, json, properties);
    }
}
