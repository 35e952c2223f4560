package health.cura.mappings.inventory;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.UnmappableResourceException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * A stock take as a Basic shaped as FHIR R5's InventoryReport: {@code status} requested while it waits for approval
 * and active once approved, {@code countType} snapshot, when it was counted, and one {@code inventoryListing} per line
 * (the item counted and its quantity, with Cura's batch number and, once approved, the variance posted).
 */
public final class StockTakeMapper {

    public static final String STATUS = CuraCanonical.r5Extension("InventoryReport.status");
    public static final String COUNT_TYPE = CuraCanonical.r5Extension("InventoryReport.countType");
    public static final String REPORTED = CuraCanonical.r5Extension("InventoryReport.reportedDateTime");
    public static final String LISTING = CuraCanonical.r5Extension("InventoryReport.inventoryListing");
    public static final String REQUESTED = "requested";
    public static final String APPROVED = "active";

    private StockTakeMapper() {}

    public static boolean isStockTake(Basic basic) {
        return basic.getCode().getCoding().stream().anyMatch(c -> CuraEnums.BASIC_KIND.system().equals(c.getSystem())
                && "stock-take".equals(c.getCode()));
    }

    /** A stock take counted at {@code counted}, waiting for approval. */
    public static Basic counted(List<StockCount> lines, Date counted) {
        Basic take = new Basic();
        take.setCode(new CodeableConcept().addCoding(new Coding(CuraEnums.BASIC_KIND.system(), "stock-take",
                "Stock take")));
        take.addExtension(STATUS, new CodeType(REQUESTED));
        take.addExtension(COUNT_TYPE, new CodeType("snapshot"));
        take.addExtension(REPORTED, new DateTimeType(counted));
        setLines(take, lines, counted);
        return take;
    }

    public static String status(Basic take) {
        Extension status = take.getExtensionByUrl(STATUS);
        return status == null || !status.hasValue() ? null : status.getValue().primitiveValue();
    }

    /** Marks the stock take approved, its lines with the variances posted. */
    public static void approve(Basic take, List<StockCount> lines, Date approved) {
        take.getExtensionByUrl(STATUS).setValue(new CodeType(APPROVED));
        DateTimeType counted = (DateTimeType) take.getExtensionByUrl(REPORTED).getValue();
        setLines(take, lines, counted.getValue());
        take.getExtension().removeIf(e -> REPORTED.equals(e.getUrl()));
        take.addExtension(REPORTED, new DateTimeType(approved));
    }

    private static void setLines(Basic take, List<StockCount> lines, Date counted) {
        take.getExtension().removeIf(e -> LISTING.equals(e.getUrl()));
        for (StockCount line : lines) {
            Extension listing = take.addExtension().setUrl(LISTING);
            listing.addExtension("countingDateTime", new DateTimeType(counted));
            Extension item = listing.addExtension().setUrl("item");
            item.addExtension("item", new Reference("Basic/" + line.itemId()));
            item.addExtension("quantity", new Quantity().setValue(line.counted()));
            if (line.batch() != null) {
                item.addExtension(CuraCanonical.BATCH_NUMBER_EXTENSION, new StringType(line.batch()));
            }
            if (line.variance() != null) {
                item.addExtension(CuraCanonical.STOCK_TAKE_VARIANCE_EXTENSION, new IntegerType(line.variance()));
            }
        }
    }

    /** The lines of a stock take. */
    public static List<StockCount> lines(Basic take) {
        List<StockCount> lines = new ArrayList<>();
        for (Extension listing : take.getExtensionsByUrl(LISTING)) {
            Extension item = listing.getExtensionByUrl("item");
            if (item == null || item.getExtensionByUrl("item") == null || item.getExtensionByUrl("quantity") == null) {
                throw new UnmappableResourceException("Basic.extension('" + LISTING + "')",
                        "Each line of a stock take names its item and the quantity counted");
            }
            Reference counted = (Reference) item.getExtensionByUrl("item").getValue();
            Quantity quantity = (Quantity) item.getExtensionByUrl("quantity").getValue();
            Extension batch = item.getExtensionByUrl(CuraCanonical.BATCH_NUMBER_EXTENSION);
            Extension variance = item.getExtensionByUrl(CuraCanonical.STOCK_TAKE_VARIANCE_EXTENSION);
            lines.add(new StockCount(counted.getReferenceElement().getIdPart(),
                    batch == null ? null : batch.getValue().primitiveValue(), quantity.getValue().intValueExact(),
                    variance == null ? null : ((IntegerType) variance.getValue()).getValue()));
        }
        return lines;
    }
}
