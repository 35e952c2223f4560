package health.cura.fhir.subscriptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import ca.uhn.fhir.jpa.partition.IRequestPartitionHelperSvc;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.context.annotation.Configuration;
import health.cura.fhir.operations.OperationCatalog;
import health.cura.fhir.tenancy.TenantDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The platform's SaaS: its packages, the clinics' standing and the limits of their plans (issue 21, being built). */
@Configuration(proxyBeanMethods = false)
class SaasConfiguration {

    private final Clock clock = Clock.systemUTC();

    @Bean
    SaasPackages saasPackages(JdbcTemplate jdbc, ClinicPlans plans, PlatformActions actions) {
        return new SaasPackages(jdbc, plans, actions);
    }

    @Bean
    PlatformActions platformActions(JdbcTemplate jdbc) {
        return new PlatformActions(jdbc);
    }

    @Bean
    ClinicPlans clinicPlans(JdbcTemplate jdbc, ObjectMapper json) {
        return new ClinicPlans(jdbc, json);
    }

    @Bean
    ClinicUsage clinicUsage(JdbcTemplate jdbc) {
        return new ClinicUsage(jdbc);
    }

    @Bean
    PlanLimitGate planLimitGate(ClinicPlans plans, ClinicUsage usage, TenantDirectory tenants) {
        return new PlanLimitGate(plans, usage, tenants);
    }

    @Bean
    StoredContentLedger storedContentLedger(IRequestPartitionHelperSvc partitions, JdbcTemplate jdbc) {
        return new StoredContentLedger(partitions, jdbc);
    }

    @Bean
    FeatureGate featureGate(ClinicPlans plans, TenantDirectory tenants, OperationCatalog operations) {
        return new FeatureGate(plans, tenants, operations);
    }

    @Bean
    ApiCalls apiCalls(JdbcTemplate jdbc) {
        return new ApiCalls(jdbc, clock);
    }

    @Bean
    SchedulingConfigurer apiCallsFlush(ApiCalls calls) {
        return tasks -> tasks.addFixedDelayTask(calls::flush, Duration.ofSeconds(1));
    }

    /** After Spring Security's filters (order -100), before the request rates: a spent quota is refused first. */
    @Bean
    FilterRegistrationBean<ApiQuotaFilter> apiQuotaFilter(ApiCalls calls, ClinicPlans plans,
            TenantDirectory tenants) {
        FilterRegistrationBean<ApiQuotaFilter> registration =
                new FilterRegistrationBean<>(new ApiQuotaFilter(calls, plans, tenants));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(-2);
        return registration;
    }

    @Bean
    UsageOperation usageOperation(TenantDirectory tenants, ClinicPlans plans, ClinicUsage usage, ApiCalls calls) {
        return new UsageOperation(tenants, plans, usage, calls);
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
    ClinicLifecycle clinicLifecycle(TenantDirectory tenants, ClinicStandings standings,
            PlatformTransactionManager transactions, PlatformActions actions) {
        return new ClinicLifecycle(tenants, standings, new TransactionTemplate(transactions), actions);
    }

    @Bean
    PlatformListings platformListings(JdbcTemplate jdbc) {
        return new PlatformListings(jdbc);
    }

    @Bean
    ClinicsOperation clinicsOperation(PlatformListings listings) {
        return new ClinicsOperation(listings);
    }

    @Bean
    PackagesOperation packagesOperation(PlatformListings listings, SaasProperties properties) {
        return new PackagesOperation(listings, properties);
    }

    @Bean
    SaasInvoicesOperation saasInvoicesOperation(PlatformListings listings) {
        return new SaasInvoicesOperation(listings);
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
    Subscriptions subscriptions(JdbcTemplate jdbc, ClinicStandings standings, ClinicPlans plans,
            SaasInvoices invoices, PlatformSettings settings, PlatformActions actions) {
        return new Subscriptions(jdbc, standings, plans, invoices, settings, actions, clock);
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

    @Bean
    SaasInvoices saasInvoices(JdbcTemplate jdbc, ObjectMapper json, SaasProperties properties,
            PlatformSettings settings) {
        return new SaasInvoices(jdbc, json, properties, settings);
    }

    @Bean
    PlatformSettings platformSettings(JdbcTemplate jdbc, ObjectMapper json, SaasProperties properties,
            PlatformActions actions) {
        return new PlatformSettings(jdbc, json, properties, actions);
    }

    @Bean
    PlatformSettingsOperation platformSettingsOperation(PlatformSettings settings) {
        return new PlatformSettingsOperation(settings);
    }

    @Bean
    SetPlatformSettingOperation setPlatformSettingOperation(PlatformSettings settings) {
        return new SetPlatformSettingOperation(settings);
    }

    @Bean
    SaasBilling saasBilling(JdbcTemplate jdbc, PlatformTransactionManager transactions, SaasInvoices invoices,
            ClinicStandings standings, ClinicLifecycle lifecycle, TenantDirectory tenants, PlatformSettings settings) {
        return new SaasBilling(jdbc, new TransactionTemplate(transactions), invoices, standings, lifecycle, tenants,
                settings);
    }

    @Bean
    SchedulingConfigurer saasBillingSchedule(SaasBilling billing, SaasProperties properties) {
        return tasks -> tasks.addFixedDelayTask(() -> billing.run(clock.instant()), properties.billingInterval());
    }

    @Bean
    ChangePackageOperation changePackageOperation(ClinicLifecycle lifecycle, Subscriptions subscriptions,
            SaasInvoices invoices, ClinicPlans plans, JdbcTemplate jdbc, PlatformTransactionManager transactions,
            SaasProperties properties) {
        return new ChangePackageOperation(lifecycle, subscriptions, invoices, plans, jdbc,
                new TransactionTemplate(transactions), properties, clock);
    }

    @Bean
    RecordSaasPaymentOperation recordSaasPaymentOperation(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            ClinicStandings standings, ClinicLifecycle lifecycle, TenantDirectory tenants) {
        return new RecordSaasPaymentOperation(jdbc, new TransactionTemplate(transactions), standings, lifecycle,
                tenants, clock);
    }
}
