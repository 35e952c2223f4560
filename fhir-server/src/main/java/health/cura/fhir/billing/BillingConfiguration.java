package health.cura.fhir.billing;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.cura.fhir.mapping.BusinessNumbers;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.tables.ResourceLinks;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.access.roles.StaffRoles;
import health.cura.fhir.mapping.UnnamedClinician;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Billing: the projections, the operations and the overdue job, on the system clock in UTC. */
@Configuration(proxyBeanMethods = false)
class BillingConfiguration {

    private final Clock clock = Clock.systemUTC();

    @Bean
    InvoiceProjection invoiceProjection(LinkedRows rows, ResourceLinks links, BusinessNumbers numbers,
            ClinicBilling billing, InvoicePayments payments, JdbcTemplate jdbc) {
        return new InvoiceProjection(rows, links, numbers, billing, payments, jdbc, clock);
    }

    @Bean
    ClaimProjection claimProjection(LinkedRows rows, ResourceLinks links, BusinessNumbers numbers,
            ClinicBilling billing, JdbcTemplate jdbc) {
        return new ClaimProjection(rows, links, numbers, billing, jdbc);
    }

    @Bean
    ClaimResponseProjection claimResponseProjection(LinkedRows rows, ResourceLinks links, ClinicBilling billing) {
        return new ClaimResponseProjection(rows, links, billing);
    }

    @Bean
    BillingWrites billingWrites(DaoRegistry daos, PlatformTransactionManager transactions, JdbcTemplate jdbc,
            ResourceLinks links) {
        return new BillingWrites(daos, transactions, jdbc, links);
    }

    @Bean
    PaymentRecorder paymentRecorder(BillingWrites writes, InvoicePayments payments, ResourceLinks links,
            JdbcTemplate jdbc) {
        return new PaymentRecorder(writes, payments, links, new RevenueRecords(jdbc), clock);
    }

    @Bean
    IssueInvoiceOperation issueInvoiceOperation(BillingWrites writes, BillingClinic clinics) {
        return new IssueInvoiceOperation(writes, clinics, clock);
    }

    @Bean
    VoidInvoiceOperation voidInvoiceOperation(BillingWrites writes, BillingClinic clinics, InvoicePayments payments) {
        return new VoidInvoiceOperation(writes, clinics, payments, clock);
    }

    @Bean
    PriceList priceList(DaoRegistry daos) {
        return new PriceList(daos);
    }

    @Bean
    GenerateInvoiceOperation generateInvoiceOperation(BillingWrites writes, BillingClinic clinics, PriceList prices,
            DaoRegistry daos) {
        return new GenerateInvoiceOperation(writes, clinics, prices, daos, clock);
    }

    @Bean
    SubmitClaimOperation submitClaimOperation(BillingWrites writes, BillingClinic clinics, InvoicePayments payments,
            DaoRegistry daos) {
        return new SubmitClaimOperation(writes, clinics, payments, daos, clock);
    }

    @Bean
    RecordClaimOutcomeOperation recordClaimOutcomeOperation(BillingWrites writes, BillingClinic clinics,
            PaymentRecorder recorder, InvoicePayments payments, ResourceLinks links, DaoRegistry daos,
            JdbcTemplate jdbc, ObjectMapper json) {
        return new RecordClaimOutcomeOperation(writes, clinics, recorder, payments, links, daos, jdbc,
                new ClaimRows(jdbc, json), clock);
    }

    @Bean
    AgedDebtOperation agedDebtOperation(BillingClinic clinics, JdbcTemplate jdbc) {
        return new AgedDebtOperation(clinics, jdbc, clock);
    }

    @Bean
    RevenueSummaryOperation revenueSummaryOperation(BillingClinic clinics, JdbcTemplate jdbc, ResourceLinks links,
            DaoRegistry daos) {
        return new RevenueSummaryOperation(clinics, jdbc, links, daos);
    }

    @Bean
    OverdueInvoices overdueInvoices(JdbcTemplate jdbc, PlatformTransactionManager transactions, StaffRoles roles,
            UnnamedClinician unnamed, ObjectMapper json, ClinicBilling billing, BillingProperties properties) {
        return new OverdueInvoices(jdbc, new TransactionTemplate(transactions), roles, unnamed, json, billing, clock,
                properties.overdueBatch());
    }

    @Bean
    SchedulingConfigurer overdueInvoicesSchedule(OverdueInvoices overdue, BillingProperties properties) {
        return tasks -> tasks.addFixedDelayTask(overdue::run, properties.overdueCheckInterval());
    }

    @Bean
    RecordPaymentOperation recordPaymentOperation(BillingClinic clinics, PaymentRecorder recorder) {
        return new RecordPaymentOperation(clinics, recorder);
    }

    @Bean
    RefundOperation refundOperation(BillingClinic clinics, PaymentRecorder recorder, InvoicePayments payments) {
        return new RefundOperation(clinics, recorder, payments);
    }
}
