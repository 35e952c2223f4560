package health.cura.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import health.cura.fhir.database.SideConnections;
import health.cura.fhir.operations.OperationCatalog;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.TenantDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit trail: written for every interaction with patient data, served as read-only AuditEvent. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc, DataSource dataSource) throws SQLException {
        // four: a burst of reads queues for these, not for the requests' own connections. Flushed: the answer leaves
        // only once its audit row is on disk, and concurrent reads' commits share PostgreSQL's flushes.
        return new AuditTrail(jdbc, SideConnections.beside(dataSource, "read-audit", 4,
                SideConnections.Commits.FLUSHED, Duration.ofSeconds(5)));
    }

    @Bean
    PatientAccessAudit patientAccessAudit(
            AuditTrail trail, FhirContext fhir, MeterRegistry meters, OperationCatalog operations) {
        return new PatientAccessAudit(trail, fhir, meters, operations);
    }

    @Bean
    PatientOperationAudit patientOperationAudit(AuditTrail trail) {
        return new PatientOperationAudit(trail);
    }

    /** Registered with HAPI's storage interceptors: exports run in background jobs, outside any request. */
    @Bean
    BulkExportAudit bulkExportAudit(AuditTrail trail, FhirContext fhir) {
        return new BulkExportAudit(trail, fhir);
    }

    @Bean
    AuditChain auditChain(JdbcTemplate jdbc) {
        return new AuditChain(jdbc);
    }

    /**
     * The check reads the whole trail in one snapshot: a transaction of plain JDBC, since JPA's transaction manager
     * takes no isolation level.
     */
    @Bean
    VerifyAuditTrailOperation verifyAuditTrailOperation(AuditChain chain, DataSource dataSource,
            TenantDirectory tenants, AuditTrail trail) {
        TransactionTemplate snapshot = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        return new VerifyAuditTrailOperation(chain, snapshot, tenants, trail);
    }

    @Bean
    AuditCheckpoints auditCheckpoints(JdbcTemplate jdbc) {
        return new AuditCheckpoints(jdbc);
    }

    @Bean
    AuditRetention auditRetention(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new AuditRetention(jdbc, new TransactionTemplate(transactions));
    }

    @Bean
    SchedulingConfigurer auditRetentionSchedule(AuditRetention retention, AuditProperties properties) {
        return tasks -> tasks.addFixedDelayTask(() -> retention.purgeOlderThan(Instant.now()
                .minus(properties.retention())), properties.retentionPurgeInterval());
    }

    @Bean
    SchedulingConfigurer auditCheckpointSchedule(AuditCheckpoints checkpoints, AuditProperties properties) {
        return tasks -> tasks.addFixedDelayTask(checkpoints::take, properties.checkpointInterval());
    }

    @Bean
    AuditEventProvider auditEventProvider(AuditTrail trail, TenantDirectory tenants, ResourceLinks links) {
        return new AuditEventProvider(trail, tenants, links);
    }
}
