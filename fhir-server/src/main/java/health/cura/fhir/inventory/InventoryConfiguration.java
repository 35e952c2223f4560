package health.cura.fhir.inventory;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.cura.fhir.access.roles.StaffRoles;
import health.cura.fhir.billing.ClinicBilling;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.mapping.BusinessNumbers;
import health.cura.fhir.mapping.ClinicSystemUser;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.operations.OperationWrites;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.TenantDirectory;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Inventory: the item mapping both ways, the stock ledger, the stock operations and the expiry job, in UTC. */
@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

    private final Clock clock = Clock.systemUTC();

    @Bean
    ItemCatalogue itemCatalogue(JdbcTemplate jdbc) {
        return new ItemCatalogue(jdbc);
    }

    @Bean
    InventoryItemProjection inventoryItemProjection(LinkedRows rows, ResourceLinks links, BusinessNumbers numbers,
            ItemCatalogue catalogue, ClinicBilling billing, JdbcTemplate jdbc) {
        return new InventoryItemProjection(rows, links, numbers, catalogue, billing, jdbc);
    }

    @Bean
    LedgerReconciliation ledgerReconciliation(JdbcTemplate jdbc, ClinicSystemUser systemUser) {
        return new LedgerReconciliation(jdbc, systemUser);
    }

    @Bean
    InventoryItemCapture inventoryItemCapture(JdbcTemplate jdbc, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies, ItemCatalogue catalogue, ClinicBilling billing,
            LedgerReconciliation ledger) {
        return new InventoryItemCapture(jdbc, links, writes, dependencies, catalogue, billing, ledger);
    }

    @Bean
    OperationWrites inventoryWrites(DaoRegistry daos, PlatformTransactionManager transactions) {
        return new OperationWrites(daos, transactions);
    }

    @Bean
    StockBook stockBook(JdbcTemplate jdbc, ResourceLinks links) {
        return new StockBook(jdbc, links);
    }

    @Bean
    StockRetries stockRetries(JdbcTemplate jdbc, FhirContext fhir, OperationWrites inventoryWrites) {
        return new StockRetries(jdbc, fhir, inventoryWrites);
    }

    @Bean
    InventoryClinic inventoryClinic(TenantDirectory tenants, ClinicBilling billing, ClinicSystemUser systemUser,
            StaffRoles roles) {
        return new InventoryClinic(tenants, billing, systemUser, roles);
    }

    @Bean
    ItemResources itemResources(OperationWrites inventoryWrites, ItemCatalogue catalogue, JdbcTemplate jdbc) {
        return new ItemResources(inventoryWrites, catalogue, jdbc);
    }

    @Bean
    StockNotifications stockNotifications(JdbcTemplate jdbc, StaffRoles roles) {
        return new StockNotifications(jdbc, roles);
    }

    @Bean
    ReorderAlerts reorderAlerts(JdbcTemplate jdbc, OperationWrites inventoryWrites, StockNotifications notifications) {
        return new ReorderAlerts(jdbc, inventoryWrites, notifications);
    }

    @Bean
    StockReports stockReports(JdbcTemplate jdbc) {
        return new StockReports(jdbc);
    }

    @Bean
    ReceiveStockOperation receiveStockOperation(InventoryClinic clinics, StockBook book, ItemCatalogue catalogue,
            ItemResources items, StockRetries retries, OperationWrites inventoryWrites) {
        return new ReceiveStockOperation(clinics, book, catalogue, items, retries, inventoryWrites, clock);
    }

    @Bean
    AdjustStockOperation adjustStockOperation(InventoryClinic clinics, StockBook book, ItemResources items,
            StockRetries retries, ReorderAlerts reorders) {
        return new AdjustStockOperation(clinics, book, items, retries, reorders);
    }

    @Bean
    TransferStockOperation transferStockOperation(InventoryClinic clinics, StockBook book, ItemResources items,
            StockRetries retries, JdbcTemplate jdbc) {
        return new TransferStockOperation(clinics, book, items, retries, jdbc);
    }

    @Bean
    DispenseOperation dispenseOperation(InventoryClinic clinics, StockBook book, ItemResources items,
            StockRetries retries, ReorderAlerts reorders, OperationWrites inventoryWrites, ResourceLinks links,
            JdbcTemplate jdbc) {
        return new DispenseOperation(clinics, book, items, retries, reorders, inventoryWrites, links, jdbc, clock);
    }

    @Bean
    StockTakeOperation stockTakeOperation(InventoryClinic clinics, StockBook book, ItemResources items,
            StockRetries retries, ReorderAlerts reorders, OperationWrites inventoryWrites) {
        return new StockTakeOperation(clinics, book, items, retries, reorders, inventoryWrites, clock);
    }

    @Bean
    StockLevelsOperation stockLevelsOperation(InventoryClinic clinics, StockReports reports, ResourceLinks links) {
        return new StockLevelsOperation(clinics, reports, links);
    }

    @Bean
    StockValuationOperation stockValuationOperation(InventoryClinic clinics, StockReports reports,
            ResourceLinks links) {
        return new StockValuationOperation(clinics, reports, links);
    }

    @Bean
    LowStockOperation lowStockOperation(InventoryClinic clinics, StockReports reports, JdbcTemplate jdbc) {
        return new LowStockOperation(clinics, reports, jdbc);
    }

    @Bean
    ExpiringOperation expiringOperation(InventoryClinic clinics, StockReports reports, ResourceLinks links,
            InventoryProperties properties) {
        return new ExpiringOperation(clinics, reports, links, properties, clock);
    }

    @Bean
    ExpiryAlerts expiryAlerts(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            StockNotifications notifications, InventoryProperties properties) {
        return new ExpiryAlerts(jdbc, new TransactionTemplate(transactions), notifications, properties, clock);
    }

    @Bean
    SchedulingConfigurer expiryAlertsSchedule(ExpiryAlerts alerts, InventoryProperties properties) {
        return tasks -> tasks.addFixedDelayTask(alerts::run, properties.expiryCheckInterval());
    }
}
