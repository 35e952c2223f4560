package health.cura.fhir.inventory;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.tenancy.Tenant;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code GET /fhir/{clinic}/$low-stock}: the active items at or below their reorder level, with their last reorder. */
public class LowStockOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("low-stock", "Low stock",
                    "The clinic's active items whose stock is at or below their reorder level, the furthest below "
                            + "first, each with the SupplyRequest raised when it last fell there (a draft until the "
                            + "clinic orders it).")
            .system()
            .out("item", null, 0, "*", "one item low in stock")
            .part("item", "Reference", 1, "1", "the item, Basic/{id}")
            .part("stockOnHand", "integer", 1, "1", "units in stock")
            .part("reorderLevel", "integer", 1, "1", "its reorder level")
            .part("supplyRequest", "Reference", 0, "1", "its last reorder, SupplyRequest/{id}")
            .build();

    private final InventoryClinic clinics;
    private final StockReports reports;
    private final JdbcTemplate jdbc;

    public LowStockOperation(InventoryClinic clinics, StockReports reports, JdbcTemplate jdbc) {
        this.clinics = clinics;
        this.reports = reports;
        this.jdbc = jdbc;
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

    @Operation(name = "$low-stock", idempotent = true)
    public Parameters low(RequestDetails request) {
        Tenant clinic = clinics.of(request);
        Parameters answer = new Parameters();
        for (StockReports.ItemStock stock : reports.low(clinic.id())) {
            Parameters.ParametersParameterComponent line = answer.addParameter().setName("item");
            line.addPart().setName("item").setValue(ReportAccess.reference(stock.resourceId(), stock.name()));
            line.addPart().setName("stockOnHand").setValue(new IntegerType(stock.stock()));
            line.addPart().setName("reorderLevel").setValue(new IntegerType(stock.reorderLevel()));
            jdbc.queryForList("SELECT supply_request_id FROM cura_stock_reorders WHERE organization_id = ? "
                    + "AND item_id = ?", String.class, clinic.id(), stock.rowId()).stream().findFirst()
                    .ifPresent(id -> line.addPart().setName("supplyRequest")
                            .setValue(new Reference("SupplyRequest/" + id)));
        }
        return answer;
    }
}
