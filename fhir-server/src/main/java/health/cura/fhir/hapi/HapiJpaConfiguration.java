package health.cura.fhir.hapi;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.model.HistoryCountModeEnum;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * HAPI FHIR JPA server (R4) wired into Spring Boot: storage settings, database partition mode with one partition per
 * clinic, and HAPI's persistence unit on the application's datasource.
 */
@Configuration(proxyBeanMethods = false)
@Import({
    JpaR4Config.class,
    HapiJpaConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    ThreadPoolFactoryConfig.class,
    // Batch2 sends its work notifications through the channel broker that this configuration provides.
    SubscriptionChannelConfig.class
})
public class HapiJpaConfiguration {

    /** Partition 0 holds the shared conformance resources; clinics' partitions take their organizations.id (from 1). */
    public static final int DEFAULT_PARTITION_ID = 0;

    /** The tenant id of the default partition's base, {@code /fhir/DEFAULT/}: the platform's. */
    public static final String DEFAULT_TENANT = "DEFAULT";

    @Bean
    JpaStorageSettings storageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // HAPI keeps one id pool across partitions: server-assigned UUIDs reveal nothing about other tenants, and
        // client-assigned ids (update-as-create) are refused because a collision would.
        settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
        settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.NOT_ALLOWED);
        settings.setAllowMultipleDelete(true);
        settings.setExpungeEnabled(true);
        settings.setDeleteExpungeEnabled(false);
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setEnforceReferentialIntegrityOnDelete(true);
        settings.setAllowInlineMatchUrlReferences(true);
        settings.setAdvancedHSearchIndexing(false);
        settings.setHibernateSearchIndexSearchParams(false);
        // HAPI's pre-expansion of stored ValueSets needs Hibernate Search, which is off: the scheduled task failed for
        // every ValueSet, logging an error with its stack trace each time. $expand expands in memory instead.
        settings.setEnableTaskPreExpandValueSets(false);
        // Tags and profiles live in the resource body, versioned with it, and are indexed for _tag and _profile like
        // any search parameter: no tag tables to join on every read. (With tag tables, a projection's search that finds
        // the resource being written, which now always declares its Cura profile, trips a Hibernate assertion.)
        settings.setTagStorageMode(JpaStorageSettings.TagStorageModeEnum.INLINE);
        // HAPI's default keeps a history's total for a minute per resource type, whatever the partition: a clinic's
        // Patient/_history then answered with another clinic's total, and with no entries when that total was 0.
        // Each history is counted in its own partition.
        settings.setHistoryCountMode(HistoryCountModeEnum.COUNT_ACCURATE);
        // HAPI's default appends "#<request id>" to meta.source, which alone is not a valid uri: the HL7 validator
        // reports it as an error on every resource written over REST. A source the client gives is kept as given.
        settings.setStoreMetaSourceInformation(JpaStorageSettings.StoreMetaSourceInformationEnum.SOURCE_URI);
        return settings;
    }

    @Bean
    PartitionSettings partitionSettings() {
        PartitionSettings settings = new PartitionSettings();
        settings.setPartitioningEnabled(true);
        settings.setDatabasePartitionMode(true);
        settings.setDefaultPartitionId(DEFAULT_PARTITION_ID);
        settings.setUnnamedPartitionMode(false);
        settings.setIncludePartitionInSearchHashes(false);
        settings.setAllowReferencesAcrossPartitions(PartitionSettings.CrossPartitionReferenceMode.NOT_ALLOWED);
        // Without it HAPI records every conditional create's URL in one table for all partitions: the second clinic
        // to conditionally create the same identifier gets 409 (found loading Synthea into two clinics).
        settings.setConditionalCreateDuplicateIdentifiersEnabled(true);
        return settings;
    }

    /** HAPI's schema is migrated by HAPI's own tasks before its persistence unit starts; nothing is left to hbm2ddl. */
    @Bean
    HapiSchemaReady hapiSchemaReady(DataSource dataSource) {
        HapiSchemaMigration.migrate(dataSource);
        return new HapiSchemaReady();
    }

    @Bean
    @Primary
    LocalContainerEntityManagerFactoryBean entityManagerFactory(
            DataSource dataSource,
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            HapiSchemaReady schemaReady) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        Properties jpa = new Properties();
        jpa.put("hibernate.dialect", HapiFhirPostgresDialect.class.getName());
        jpa.put("hibernate.hbm2ddl.auto", "none");
        jpa.put("hibernate.format_sql", "false");
        jpa.put("hibernate.show_sql", "false");
        jpa.put("hibernate.jdbc.batch_size", "20");
        jpa.put("hibernate.order_inserts", "true");
        jpa.put("hibernate.order_updates", "true");
        jpa.put("hibernate.cache.use_query_cache", "false");
        jpa.put("hibernate.cache.use_second_level_cache", "false");
        jpa.put("hibernate.cache.use_structured_entries", "false");
        jpa.put("hibernate.cache.use_minimal_puts", "false");
        jpa.put("hibernate.search.enabled", "false");
        factory.setJpaProperties(jpa);
        return factory;
    }

    @Bean
    @Primary
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    /** A token that HAPI's schema is migrated; the persistence unit depends on it. */
    public record HapiSchemaReady() {}
}
