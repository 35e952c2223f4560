package health.cura.fhir.billing;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.billing.Pence;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /fhir/{clinic}/$aged-debt}: what the clinic is owed on its issued invoices now, by how long it is (or, on
 * a day ahead, will be) overdue: not yet due, 1–30, 31–60, 61–90 and over 90 days past the due date. What an invoice owes is derived, as
 * everywhere: its total less its completed payments plus its refunds.
 */
public class AgedDebtOperation implements CuraOperation {

    /** The age bands, by the most days past due each takes; the last takes the rest. */
    private record Band(String name, long upToDays) {}

    private static final List<Band> BANDS = List.of(new Band("current", 0), new Band("1-30", 30),
            new Band("31-60", 60), new Band("61-90", 90), new Band("90+", Long.MAX_VALUE));

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("aged-debt", "Aged debt",
                    "What the clinic is owed on its issued invoices, by days past the due date: current (not yet "
                            + "due), 1-30, 31-60, 61-90 and 90+.")
            .system()
            .in("asOf", "date", 0, "1",
                    "the day the ages are counted to: today (UTC) by default, or a day ahead (what will be overdue)")
            .out("asOf", "date", 1, "1", "the day the ages are counted to")
            .out("currency", "code", 1, "1", "the clinic's currency")
            .out("total", "Money", 1, "1", "everything owed")
            .out("invoices", "integer", 1, "1", "the invoices that owe it")
            .out("band", null, 5, "5", "each age band, youngest first")
            .part("name", "string", 1, "1", "current | 1-30 | 31-60 | 61-90 | 90+")
            .part("amount", "Money", 1, "1", "what the band's invoices owe")
            .part("invoices", "integer", 1, "1", "how many invoices")
            .build();

    private final BillingClinic clinics;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AgedDebtOperation(BillingClinic clinics, JdbcTemplate jdbc, Clock clock) {
        this.clinics = clinics;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Invoice", Interaction.READ,
                Interaction.SEARCH), RoleNeed.of(ClinicModules.BILLING, StaffAction.VIEW));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$aged-debt", idempotent = true)
    public Parameters agedDebt(@OperationParam(name = "asOf") DateType asOf, RequestDetails request) {
        Tenant clinic = clinics.of(request);
        String currency = clinics.terms(clinic).currency();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate day = asOf == null || asOf.getValue() == null ? today : BillingClinic.day(asOf, "asOf");
        if (day.isBefore(today)) {
            // what was owed on an earlier day would need the invoices' statuses as they were then, which are not kept
            throw BillingOutcomes.badParameter("asOf", "asOf cannot be before today (" + today + "): the ages of "
                    + "what is owed now are counted to today or to a day ahead");
        }
        BigDecimal[] owed = new BigDecimal[BANDS.size()];
        int[] counts = new int[BANDS.size()];
        java.util.Arrays.fill(owed, BigDecimal.ZERO.setScale(2));
        jdbc.query("""
                SELECT i.due_date, i.total_amount - coalesce((SELECT sum(p.amount) FROM payments p
                        WHERE p.organization_id = i.organization_id AND p.invoice_id = i.id
                          AND p.""" + InvoicePayments.COUNTED + "), 0)" + """
                 FROM invoices i
                WHERE i.organization_id = ? AND i.status IN ('sent', 'overdue')""",
                rs -> {
                    BigDecimal left = Pence.rounded(rs.getBigDecimal(2));
                    if (left.signum() <= 0) {
                        return;
                    }
                    long late = ChronoUnit.DAYS.between(rs.getTimestamp(1).toLocalDateTime().toLocalDate(), day);
                    for (int band = 0; band < BANDS.size(); band++) {
                        if (late <= BANDS.get(band).upToDays()) {
                            owed[band] = owed[band].add(left);
                            counts[band]++;
                            return;
                        }
                    }
                }, clinic.id());
        Parameters answer = new Parameters();
        answer.addParameter().setName("asOf").setValue(new DateType(day.toString()));
        answer.addParameter().setName("currency").setValue(new CodeType(currency));
        answer.addParameter().setName("total").setValue(Pence.money(java.util.Arrays.stream(owed)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add), currency));
        answer.addParameter().setName("invoices").setValue(new IntegerType(java.util.Arrays.stream(counts).sum()));
        for (int band = 0; band < BANDS.size(); band++) {
            Parameters.ParametersParameterComponent part = answer.addParameter().setName("band");
            part.addPart().setName("name").setValue(new StringType(BANDS.get(band).name()));
            part.addPart().setName("amount").setValue(Pence.money(owed[band], currency));
            part.addPart().setName("invoices").setValue(new IntegerType(counts[band]));
        }
        return answer;
    }
}
