package health.cura.fhir.inventory;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.inventory.StockValuation;
import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;

/**
 * {@code GET /fhir/{clinic}/$stock-valuation}: what the clinic's stock is worth, by FIFO and by weighted average
 * ({@code mappings.inventory.StockValuation}), item by item and in total, exact to the penny.
 */
public class StockValuationOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("stock-valuation", "Stock valuation",
                    "The value of the stock of each active item and in total, from its ledger: by FIFO (what is "
                            + "left is the latest receipts, each at its cost) and by weighted average (each receipt "
                            + "re-averages the cost of what is held). Each value is rounded half up to the penny once, "
                            + "at the end; the totals are the sums of the items' values.")
            .system()
            .in("method", "code", 0, "1", "fifo | weighted-average; both when absent")
            .in("item", "Reference", 0, "1", "one item, Basic/{id}; every active item when absent")
            .out("item", null, 0, "*", "one item's value")
            .part("item", "Reference", 1, "1", "the item, Basic/{id}")
            .part("units", "integer", 1, "1", "units valued: its stock")
            .part("fifo", "Money", 0, "1", "its value by FIFO")
            .part("weightedAverage", "Money", 0, "1", "its value by weighted average")
            .out("totalFifo", "Money", 0, "1", "the stock's value by FIFO")
            .out("totalWeightedAverage", "Money", 0, "1", "the stock's value by weighted average")
            .build();

    private final InventoryClinic clinics;
    private final StockReports reports;
    private final ResourceLinks links;

    public StockValuationOperation(InventoryClinic clinics, StockReports reports, ResourceLinks links) {
        this.clinics = clinics;
        this.reports = reports;
        this.links = links;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return ReportAccess.readers();
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$stock-valuation", idempotent = true)
    public Parameters valuation(@OperationParam(name = "method") CodeType method,
            @OperationParam(name = "item") Reference item, RequestDetails request) {
        String chosen = method == null ? null : method.getValue();
        if (chosen != null && !List.of("fifo", "weighted-average").contains(chosen)) {
            throw Refusals.badParameter("method", "method must be fifo or weighted-average");
        }
        boolean fifo = chosen == null || "fifo".equals(chosen);
        boolean average = chosen == null || "weighted-average".equals(chosen);
        Tenant clinic = clinics.of(request);
        String currency = clinics.currency(clinic);
        BigDecimal totalFifo = BigDecimal.ZERO.setScale(2);
        BigDecimal totalAverage = BigDecimal.ZERO.setScale(2);
        Parameters answer = new Parameters();
        for (StockReports.ItemStock stock : reports.items(clinic.id(), ReportAccess.itemRow(item, clinic.id(), links))) {
            List<StockValuation.Movement> ledger = reports.ledger(clinic.id(), stock.rowId());
            Parameters.ParametersParameterComponent line = answer.addParameter().setName("item");
            line.addPart().setName("item").setValue(ReportAccess.reference(stock.resourceId(), stock.name()));
            line.addPart().setName("units").setValue(new IntegerType(stock.stock()));
            try {
                if (fifo) {
                    BigDecimal value = StockValuation.fifo(ledger).value();
                    totalFifo = totalFifo.add(value);
                    line.addPart().setName("fifo").setValue(money(value, currency));
                }
                if (average) {
                    BigDecimal value = StockValuation.weightedAverage(ledger).value();
                    totalAverage = totalAverage.add(value);
                    line.addPart().setName("weightedAverage").setValue(money(value, currency));
                }
            } catch (IllegalArgumentException e) {
                throw Refusals.refused("item", stock.name() + ": its ledger takes out more than it ever held, so "
                        + "it cannot be valued");
            }
        }
        if (fifo) {
            answer.addParameter().setName("totalFifo").setValue(money(totalFifo, currency));
        }
        if (average) {
            answer.addParameter().setName("totalWeightedAverage").setValue(money(totalAverage, currency));
        }
        return answer;
    }

    private static Money money(BigDecimal value, String currency) {
        return new Money().setValue(value).setCurrency(currency);
    }
}
