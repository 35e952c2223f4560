package health.cura.fhir.capture;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.cura.fhir.hapi.MigrationConnections;
import health.cura.fhir.tables.ResourceLinks;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Change capture: the change log's migration, the applier, its workers. */
@Configuration(proxyBeanMethods = false)
public class CaptureConfiguration {

    /** Picked up by Flyway with the SQL migrations (V11). */
    @Bean
    ChangeLogMigration changeLogMigration() {
        return new ChangeLogMigration();
    }

    /** V13: invoices and payments. */
    @Bean
    CaptureTriggersMigration invoicesAndPaymentsCapture() {
        return CaptureTriggersMigration.ALL.get(0);
    }

    /** V15: claims. */
    @Bean
    CaptureTriggersMigration claimsCapture() {
        return CaptureTriggersMigration.ALL.get(1);
    }

    /** V18: inventory items. */
    @Bean
    CaptureTriggersMigration inventoryItemsCapture() {
        return CaptureTriggersMigration.ALL.get(2);
    }

    /** V21: data subject requests. */
    @Bean
    CaptureTriggersMigration dataRequestsCapture() {
        return CaptureTriggersMigration.ALL.get(3);
    }

    @Bean
    CapturedWrites capturedWrites(DaoRegistry daos) {
        return new CapturedWrites(daos);
    }

    @Bean
    RowDependencies rowDependencies(JdbcTemplate jdbc, ResourceLinks links, ObjectProvider<RowApplier> appliers) {
        return new RowDependencies(jdbc, links, appliers);
    }

    @Bean
    ChangeApplier changeApplier(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            List<RowApplier> appliers, CaptureClinics clinics, CaptureProperties properties, MeterRegistry meters) {
        return new ChangeApplier(jdbc, new TransactionTemplate(transactions), appliers, clinics, properties, meters);
    }

    @Bean
    ChangeWorker changeWorker(ChangeApplier applier, DataSource dataSource, CaptureProperties properties) {
        return new ChangeWorker(applier, MigrationConnections.of(dataSource), properties);
    }

    @Bean
    Backfill backfill(JdbcTemplate jdbc, PlatformTransactionManager transactions, List<RowApplier> appliers,
            CaptureProperties properties) {
        Set<String> applied = appliers.stream().map(RowApplier::table).collect(Collectors.toSet());
        return new Backfill(jdbc, new TransactionTemplate(transactions), ChangeLogMigration.capturedTables().stream()
                .filter(table -> applied.contains(table.name())).toList(), properties);
    }

    @Bean
    BackfillRunner backfillRunner(Backfill backfill, ChangeWorker workers, CaptureProperties properties) {
        return new BackfillRunner(backfill, workers, properties);
    }

    @Bean
    CaptureBacklog captureBacklog(JdbcTemplate jdbc, MeterRegistry meters) {
        return new CaptureBacklog(jdbc, Clock.systemUTC(), meters);
    }

    /** The {@code capture} health contributor, in the {@code capture} group only. */
    @Bean
    CaptureHealth captureHealthIndicator(CaptureBacklog backlog, CaptureProperties properties) {
        return new CaptureHealth(backlog, properties);
    }

    @Bean
    CaptureHealthGroups captureHealthGroups() {
        return new CaptureHealthGroups();
    }

    @Bean
    ParkedChanges parkedChanges(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new ParkedChanges(jdbc, new TransactionTemplate(transactions));
    }

    @Bean
    CaptureStatusOperation captureStatusOperation(Backfill backfill, CaptureBacklog backlog) {
        return new CaptureStatusOperation(backfill, backlog, Clock.systemUTC());
    }

    @Bean
    CaptureBackfillOperation captureBackfillOperation(BackfillRunner runner, Backfill backfill,
            CaptureBacklog backlog) {
        return new CaptureBackfillOperation(runner, backfill, backlog, Clock.systemUTC());
    }

    @Bean
    ParkedChangesOperation parkedChangesOperation(ParkedChanges parked, CaptureClinics clinics) {
        return new ParkedChangesOperation(parked, clinics);
    }

    @Bean
    RetryParkedChangesOperation retryParkedChangesOperation(ParkedChanges parked, ChangeWorker workers,
            CaptureClinics clinics) {
        return new RetryParkedChangesOperation(parked, workers, clinics);
    }
}
