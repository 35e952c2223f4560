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
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** {@code GET /fhir/{clinic}/$expiring}: batches in stock that expire within some days (or have expired), soonest first. */
public class ExpiringOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("expiring", "Expiring stock",
                    "The batches holding stock that expire within the days given (the clinic's expiry window when "
                            + "absent), expired ones included, the soonest first. A batch is expired on its expiry "
                            + "date and is never dispensed from then on.")
            .system()
            .in("days", "integer", 0, "1", "how many days ahead, from today (UTC); 0 for the expired only")
            .in("item", "Reference", 0, "1", "one item, Basic/{id}")
            .out("batch", null, 0, "*", "one batch")
            .part("item", "Reference", 1, "1", "the item, Basic/{id}")
            .part("batch", "string", 1, "1", "the batch (lot) number")
            .part("expiry", "date", 1, "1", "its expiry date")
            .part("quantity", "integer", 1, "1", "units of it in stock")
            .part("location", "string", 0, "1", "where it is kept")
            .part("expired", "boolean", 1, "1", "whether it has expired")
            .build();

    private final InventoryClinic clinics;
    private final StockReports reports;
    private final ResourceLinks links;
    private final InventoryProperties properties;
    private final Clock clock;

    public ExpiringOperation(InventoryClinic clinics, StockReports reports, ResourceLinks links,
            InventoryProperties properties, Clock clock) {
        this.clinics = clinics;
        this.reports = reports;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
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

    @Operation(name = "$expiring", idempotent = true)
    public Parameters expiring(@OperationParam(name = "days") IntegerType days,
            @OperationParam(name = "item") Reference item, RequestDetails request) {
        int ahead = days == null || days.getValue() == null ? properties.expiryWindowDays() : days.getValue();
        if (ahead < 0 || ahead > 3650) {
            throw Refusals.badParameter("days", "days must be from 0 to 3650");
        }
        Tenant clinic = clinics.of(request);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Parameters answer = new Parameters();
        for (StockReports.BatchRow batch : reports.batches(clinic.id(), today.plusDays(ahead),
                ReportAccess.itemRow(item, clinic.id(), links))) {
            Parameters.ParametersParameterComponent line = answer.addParameter().setName("batch");
            line.addPart().setName("item").setValue(ReportAccess.reference(batch.resourceId(), batch.itemName()));
            line.addPart().setName("batch").setValue(new StringType(batch.batchNumber()));
            line.addPart().setName("expiry").setValue(new DateType(batch.expiry().toString()));
            line.addPart().setName("quantity").setValue(new IntegerType(batch.remaining()));
            if (batch.location() != null) {
                line.addPart().setName("location").setValue(new StringType(batch.location()));
            }
            line.addPart().setName("expired").setValue(new BooleanType(!batch.expiry().isAfter(today)));
        }
        return answer;
    }
}
