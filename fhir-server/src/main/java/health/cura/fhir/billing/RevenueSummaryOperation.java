package health.cura.fhir.billing;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.billing.Pence;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /fhir/{clinic}/$revenue-summary?start=&end=}: the clinic's revenue over a period of days (both
 * included), from {@code revenue_records} (the server's, written with each payment and refund, and any other
 * software wrote), by category, source and payment method; and what was paid in the period by practitioner, from the
 * payments and the clinician each invoice names as its participant.
 */
public class RevenueSummaryOperation implements CuraOperation {

    private static final int LONGEST_PERIOD_DAYS = 3660;

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("revenue-summary", "Revenue summary",
                    "The clinic's revenue between two days (both included) from its revenue records, by category, "
                            + "source and payment method, and its payments in the period by practitioner.")
            .system()
            .in("start", "date", 1, "1", "the first day of the period")
            .in("end", "date", 1, "1", "the last day of the period")
            .out("start", "date", 1, "1", "the first day")
            .out("end", "date", 1, "1", "the last day")
            .out("currency", "code", 1, "1", "the clinic's currency")
            .out("total", "Money", 1, "1", "all revenue recorded in the period (refunds subtracted)")
            .out("byCategory", null, 0, "*", "revenue by category (consultation, procedure, medication, lab, ...)")
            .part("name", "string", 1, "1", "the category")
            .part("amount", "Money", 1, "1", "its revenue")
            .out("bySource", null, 0, "*", "revenue by source (appointment, walk_in, insurance, other)")
            .part("name", "string", 1, "1", "the source")
            .part("amount", "Money", 1, "1", "its revenue")
            .out("byPaymentMethod", null, 0, "*", "revenue by payment method")
            .part("name", "string", 1, "1", "the method (unknown when a record names none)")
            .part("amount", "Money", 1, "1", "its revenue")
            .out("byPractitioner", null, 0, "*", "payments in the period by the clinician the invoice names")
            .part("practitioner", "Reference", 0, "1", "the clinician; absent for invoices that name none")
            .part("amount", "Money", 1, "1", "what was paid (refunds subtracted)")
            .build();

    private final BillingClinic clinics;
    private final JdbcTemplate jdbc;
    private final ResourceLinks links;
    private final DaoRegistry daos;

    public RevenueSummaryOperation(BillingClinic clinics, JdbcTemplate jdbc, ResourceLinks links, DaoRegistry daos) {
        this.clinics = clinics;
        this.jdbc = jdbc;
        this.links = links;
        this.daos = daos;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ,
                        Interaction.SEARCH) && grant.changesAcrossClinic("PaymentReconciliation", Interaction.READ,
                        Interaction.SEARCH), RoleNeed.of(ClinicModules.BILLING, StaffAction.VIEW));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$revenue-summary", idempotent = true)
    public Parameters summary(
            @OperationParam(name = "start", min = 1) DateType start,
            @OperationParam(name = "end", min = 1) DateType end,
            RequestDetails request) {
        if (start == null || start.getValue() == null || end == null || end.getValue() == null) {
            throw BillingOutcomes.badParameter(start == null || start.getValue() == null ? "start" : "end",
                    "start and end are required: the first and last day of the period");
        }
        LocalDate first = BillingClinic.day(start, "start");
        LocalDate last = BillingClinic.day(end, "end");
        if (last.isBefore(first)) {
            throw BillingOutcomes.badParameter("end", "end (" + last + ") is before start (" + first + ")");
        }
        if (first.plusDays(LONGEST_PERIOD_DAYS).isBefore(last)) {
            throw BillingOutcomes.badParameter("end", "A summary covers at most ten years");
        }
        Tenant clinic = clinics.of(request);
        String currency = clinics.terms(clinic).currency();
        Parameters answer = new Parameters();
        answer.addParameter().setName("start").setValue(new DateType(first.toString()));
        answer.addParameter().setName("end").setValue(new DateType(last.toString()));
        answer.addParameter().setName("currency").setValue(new CodeType(currency));
        BigDecimal total = jdbc.queryForObject("SELECT coalesce(sum(amount), 0) FROM revenue_records "
                + "WHERE organization_id = ? AND date BETWEEN ? AND ?", BigDecimal.class, clinic.id(), first, last);
        answer.addParameter().setName("total").setValue(Pence.money(money(total), currency));
        group(answer, "byCategory", "category", clinic, first, last, currency);
        group(answer, "bySource", "source", clinic, first, last, currency);
        group(answer, "byPaymentMethod", "coalesce(payment_method, 'unknown')", clinic, first, last, currency);
        byPractitioner(answer, clinic, first, last, currency);
        return answer;
    }

    private void group(Parameters answer, String name, String column, Tenant clinic, LocalDate first,
            LocalDate last, String currency) {
        jdbc.query("SELECT " + column + ", sum(amount) FROM revenue_records WHERE organization_id = ? "
                + "AND date BETWEEN ? AND ? GROUP BY 1 ORDER BY 1", rs -> {
                    Parameters.ParametersParameterComponent group = answer.addParameter().setName(name);
                    group.addPart().setName("name").setValue(new StringType(rs.getString(1)));
                    group.addPart().setName("amount").setValue(Pence.money(money(rs.getBigDecimal(2)), currency));
                }, clinic.id(), first, last);
    }

    private void byPractitioner(Parameters answer, Tenant clinic, LocalDate first, LocalDate last, String currency) {
        Map<String, BigDecimal> paid = new TreeMap<>();
        SystemRequestDetails system = new SystemRequestDetails();
        system.setRequestPartitionId(clinic.partition());
        jdbc.query("SELECT invoice_id, sum(amount) FROM payments WHERE organization_id = ? AND "
                + InvoicePayments.COUNTED + " AND payment_date >= ? AND payment_date < ? GROUP BY invoice_id", rs -> {
                    String practitioner = links.resourceId(clinic.id(), "invoices", rs.getInt(1), "Invoice")
                            .flatMap(id -> clinicianOf(id, system)).orElse("");
                    paid.merge(practitioner, money(rs.getBigDecimal(2)), BigDecimal::add);
                }, clinic.id(), first.atStartOfDay(), last.plusDays(1).atStartOfDay());
        paid.forEach((practitioner, amount) -> {
            Parameters.ParametersParameterComponent group = answer.addParameter().setName("byPractitioner");
            if (!practitioner.isEmpty()) {
                group.addPart().setName("practitioner").setValue(new Reference(practitioner));
            }
            group.addPart().setName("amount").setValue(Pence.money(amount, currency));
        });
    }

    private Optional<String> clinicianOf(String invoiceId, SystemRequestDetails system) {
        try {
            Invoice invoice = daos.getResourceDao(Invoice.class).read(new IdType("Invoice", invoiceId), system);
            return invoice.getParticipant().stream().map(p -> p.getActor().getReferenceElement())
                    .filter(id -> "Practitioner".equals(id.getResourceType()))
                    .map(id -> id.toUnqualifiedVersionless().getValue()).findFirst();
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    private static BigDecimal money(BigDecimal amount) {
        return Pence.rounded(amount);
    }
}
