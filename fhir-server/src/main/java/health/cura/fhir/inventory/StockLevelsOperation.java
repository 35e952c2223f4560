package health.cura.fhir.inventory;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.Tenant;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** {@code GET /fhir/{clinic}/$stock-levels}: the stock of each of the clinic's active items, against its reorder level. */
public class StockLevelsOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("stock-levels", "Stock levels",
                    "The stock on hand of each active item of the clinic (or of one), by name, with its reorder "
                            + "level and whether it is at or below it.")
            .system()
            .in("item", "Reference", 0, "1", "one item, Basic/{id}; every active item when absent")
            .out("item", null, 0, "*", "one item's stock")
            .part("item", "Reference", 1, "1", "the item, Basic/{id}")
            .part("itemCode", "string", 1, "1", "the clinic's code of the item")
            .part("unit", "string", 1, "1", "its unit")
            .part("stockOnHand", "integer", 1, "1", "units in stock")
            .part("reorderLevel", "integer", 1, "1", "at or below this, it is reordered")
            .part("low", "boolean", 1, "1", "whether the stock is at or below the reorder level")
            .build();

    private final InventoryClinic clinics;
    private final StockReports reports;
    private final ResourceLinks links;

    public StockLevelsOperation(InventoryClinic clinics, StockReports reports, ResourceLinks links) {
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

    @Operation(name = "$stock-levels", idempotent = true)
    public Parameters levels(@OperationParam(name = "item") Reference item, RequestDetails request) {
        Tenant clinic = clinics.of(request);
        Parameters answer = new Parameters();
        for (StockReports.ItemStock stock : reports.items(clinic.id(), ReportAccess.itemRow(item, clinic.id(), links))) {
            Parameters.ParametersParameterComponent line = answer.addParameter().setName("item");
            line.addPart().setName("item").setValue(ReportAccess.reference(stock.resourceId(), stock.name()));
            line.addPart().setName("itemCode").setValue(new StringType(stock.itemCode()));
            line.addPart().setName("unit").setValue(new StringType(stock.unit()));
            line.addPart().setName("stockOnHand").setValue(new IntegerType(stock.stock()));
            line.addPart().setName("reorderLevel").setValue(new IntegerType(stock.reorderLevel()));
            line.addPart().setName("low").setValue(new BooleanType(stock.stock() <= stock.reorderLevel()));
        }
        return answer;
    }
}
