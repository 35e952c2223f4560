package health.cura.fhir.gdpr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.cura.fhir.grant.ClientPurposes;
import health.cura.fhir.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.access.roles.StaffRoles;
import health.cura.fhir.audit.PatientOperationAudit;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.hapi.SearchCacheScrub;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.TableRows;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * GDPR: consents enforced for clients whose purpose rests on them, withdrawn and expired; data subject requests and
 * their deadlines; on UTC.
 */
@Configuration(proxyBeanMethods = false)
class GdprConfiguration {

    private final Clock clock = Clock.systemUTC();

    @Bean
    WithdrawConsentOperation withdrawConsentOperation(DaoRegistry daos, PlatformTransactionManager transactions,
            ResourceLinks links, JdbcTemplate jdbc, ObjectMapper json) {
        return new WithdrawConsentOperation(daos, new TransactionTemplate(transactions), links, jdbc, json, clock);
    }

    @Bean
    ConsentedPatients consentedPatients(JdbcTemplate jdbc, ClientPurposes purposes, FhirContext fhir) {
        return new ConsentedPatients(jdbc, purposes, fhir);
    }

    @Bean
    ConsentGate consentGate(ConsentedPatients consents, TenantDirectory tenants, FhirContext fhir) {
        return new ConsentGate(consents, tenants, fhir);
    }

    @Bean
    ConsentGatedExport consentGatedExport(ConsentedPatients consents, TenantDirectory tenants) {
        return new ConsentGatedExport(consents, tenants);
    }

    @Bean
    DataRequestProjection dataRequestProjection(LinkedRows rows, GdprProperties properties) {
        return new DataRequestProjection(rows, clock, properties.clinicZone());
    }

    @Bean
    DataRequestCapture dataRequestCapture(JdbcTemplate jdbc, ObjectMapper json, ResourceLinks links,
            CapturedWrites writes, RowDependencies dependencies) {
        return new DataRequestCapture(jdbc, json, links, writes, dependencies);
    }

    @Bean
    RequestsDueOperation requestsDueOperation(JdbcTemplate jdbc, DaoRegistry daos) {
        return new RequestsDueOperation(jdbc, daos, clock);
    }

    @Bean
    ProcessingRestrictions processingRestrictions(JdbcTemplate jdbc) {
        return new ProcessingRestrictions(jdbc);
    }

    @Bean
    RestrictionHandlers restrictionHandlers(StaffRoles roles) {
        return new RestrictionHandlers(roles);
    }

    @Bean
    RestrictionGate restrictionGate(ProcessingRestrictions restrictions, RestrictionHandlers handlers,
            TenantDirectory tenants, FhirContext fhir) {
        return new RestrictionGate(restrictions, handlers, tenants, fhir);
    }

    @Bean
    RestrictionGatedExport restrictionGatedExport(ProcessingRestrictions restrictions, TenantDirectory tenants,
            FhirContext fhir) {
        return new RestrictionGatedExport(restrictions, tenants, fhir);
    }

    @Bean
    RestrictProcessingOperation restrictProcessingOperation(ProcessingRestrictions restrictions,
            TenantDirectory tenants, ResourceLinks links, JdbcTemplate jdbc, PatientOperationAudit audit,
            PlatformTransactionManager transactions) {
        return new RestrictProcessingOperation(restrictions, tenants, links, jdbc, audit,
                new TransactionTemplate(transactions));
    }

    @Bean
    LiftRestrictionOperation liftRestrictionOperation(ProcessingRestrictions restrictions, TenantDirectory tenants,
            ResourceLinks links, PatientOperationAudit audit, PlatformTransactionManager transactions) {
        return new LiftRestrictionOperation(restrictions, tenants, links, audit, new TransactionTemplate(transactions));
    }

    @Bean
    GdprExports gdprExports(JdbcTemplate jdbc) {
        return new GdprExports(jdbc);
    }

    @Bean
    PatientExports patientExports(DaoRegistry daos, JdbcTemplate jdbc, ResourceLinks links, FhirContext fhir,
            ObjectMapper json, GdprExports exports, PatientOperationAudit audit, RequestTasks tasks) {
        return new PatientExports(new PatientRecordCollector(daos, jdbc, links, fhir, new RowValuesJson(json)),
                new RecordArchive(fhir, json), exports, audit, tasks, clock);
    }

    @Bean
    ExportPatientDataOperation exportPatientDataOperation(PatientExports exports, TenantDirectory tenants,
            ResourceLinks links, RequestTasks tasks) {
        return new ExportPatientDataOperation(exports, tenants, links, tasks);
    }

    @Bean
    RequestTasks requestTasks(JdbcTemplate jdbc, ResourceLinks links, DaoRegistry daos) {
        return new RequestTasks(jdbc, links, daos);
    }

    @Bean
    ExportStatusOperation exportStatusOperation(GdprExports exports, PatientExports patientExports,
            TenantDirectory tenants, GdprProperties properties) {
        return new ExportStatusOperation(exports, patientExports, tenants, properties.exportKeptFor());
    }

    @Bean
    SchedulingConfigurer exportCleanupSchedule(GdprExports exports, GdprProperties properties) {
        return tasks -> tasks.addFixedDelayTask(() -> exports.dropArchivesOlderThan(properties.exportKeptFor()),
                properties.exportCleanupInterval());
    }

    @Bean
    PatientErasure patientErasure(JdbcTemplate jdbc, TableRows rows, ResourceLinks links, DaoRegistry daos,
            ProcessingRestrictions restrictions, ObjectMapper json, PatientOperationAudit audit,
            PlatformTransactionManager transactions, GdprProperties properties) {
        return new PatientErasure(jdbc, rows, links, daos, restrictions, new ClinicRetention(jdbc, json), audit,
                new TransactionTemplate(transactions), new SearchCacheScrub(jdbc), clock, properties.clinicZone());
    }

    @Bean
    EraseOperation eraseOperation(PatientErasure erasure, ProcessingRestrictions restrictions,
            RestrictionHandlers handlers, TenantDirectory tenants, ResourceLinks links, RequestTasks tasks) {
        return new EraseOperation(erasure, restrictions, handlers, tenants, links, tasks);
    }

    @Bean
    RetentionPurge retentionPurge(JdbcTemplate jdbc, DaoRegistry daos, ResourceLinks links, FhirContext fhir,
            PlatformTransactionManager transactions) {
        return new RetentionPurge(jdbc, daos, links, fhir, new TransactionTemplate(transactions),
                new SearchCacheScrub(jdbc));
    }

    @Bean
    SchedulingConfigurer retentionPurgeSchedule(RetentionPurge purge, GdprProperties properties) {
        return tasks -> tasks.addFixedDelayTask(() -> purge.purgeDue(java.time.LocalDate.now(
                clock.withZone(properties.clinicZone()))), properties.retentionPurgeInterval());
    }

    @Bean
    ConsentExpiry consentExpiry(JdbcTemplate jdbc) {
        return new ConsentExpiry(jdbc);
    }

    @Bean
    SchedulingConfigurer consentExpirySchedule(ConsentExpiry expiry, GdprProperties properties) {
        return tasks -> tasks.addFixedDelayTask(expiry::run, properties.consentExpiryInterval());
    }
}
