package health.cura.mappings.inventory;

import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.UnmappableResourceException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * An {@code inventory_items} row ⇄ a Basic shaped as FHIR R5's InventoryItem, with HL7's cross-version extensions for
 * what R5 has an element for and Cura's for the rest. Element by element:
 * <ul>
 * <li>{@code item_code}: the identifier of the clinic's item-code system;
 * <li>{@code is_active}: {@code InventoryItem.status} active | inactive;
 * <li>{@code name}: {@code InventoryItem.name} (name type {@code preferred});
 * <li>{@code description}: {@code InventoryItem.description};
 * <li>{@code unit_of_measurement}: {@code InventoryItem.baseUnit}, as text;
 * <li>{@code category_id}: {@code InventoryItem.category}, the category's name as text;
 * <li>{@code supplier_id}: {@code InventoryItem.responsibleOrganization} with role {@code supplier}, the supplier's
 * name as the organization's display (suppliers are rows, not Organizations);
 * <li>{@code reorder_level}, {@code current_stock}, {@code unit_cost}, {@code selling_price},
 * {@code storage_location}, {@code expiry_tracking}, {@code batch_tracking}: Cura extensions;
 * <li>each batch: an {@code InventoryItem.instance} (lot number, expiry, location and the units left).
 * </ul>
 */
public final class InventoryItemMapper {

    public static final String STATUS = CuraCanonical.r5Extension("InventoryItem.status");
    public static final String NAME = CuraCanonical.r5Extension("InventoryItem.name");
    public static final String DESCRIPTION = CuraCanonical.r5Extension("InventoryItem.description");
    public static final String BASE_UNIT = CuraCanonical.r5Extension("InventoryItem.baseUnit");
    public static final String CATEGORY = CuraCanonical.r5Extension("InventoryItem.category");
    public static final String RESPONSIBLE_ORGANIZATION =
            CuraCanonical.r5Extension("InventoryItem.responsibleOrganization");
    public static final String INSTANCE = CuraCanonical.r5Extension("InventoryItem.instance");
    /** R5's InventoryItemNameType. */
    public static final String NAME_TYPE_SYSTEM = "http://hl7.org/fhir/inventoryitem-nametype";

    private static final String LANGUAGE = "en";
    private static final String SUPPLIER_ROLE = "supplier";

    private InventoryItemMapper() {}

    /** The Basic.code of an inventory item. */
    public static CodeableConcept kind() {
        return new CodeableConcept().addCoding(new Coding(CuraEnums.BASIC_KIND.system(), "inventory-item",
                "Inventory item"));
    }

    /** Whether a Basic is an inventory item. */
    public static boolean isItem(Basic basic) {
        return basic.getCode().getCoding().stream().anyMatch(c -> CuraEnums.BASIC_KIND.system().equals(c.getSystem())
                && "inventory-item".equals(c.getCode()));
    }

    public static OwnedElements<Basic> owned(MappingContext context) {
        String codes = CuraCanonical.itemCodeSystem(context.subdomain());
        return OwnedElements.of(Basic.class)
                .element("code")
                .items("identifier", Identifier.class, i -> codes.equals(i.getSystem()))
                .extension(STATUS, NAME, DESCRIPTION, BASE_UNIT, CATEGORY, RESPONSIBLE_ORGANIZATION, INSTANCE,
                        CuraCanonical.REORDER_LEVEL_EXTENSION, CuraCanonical.STOCK_ON_HAND_EXTENSION,
                        CuraCanonical.UNIT_COST_EXTENSION, CuraCanonical.SELLING_PRICE_EXTENSION,
                        CuraCanonical.STORAGE_LOCATION_EXTENSION, CuraCanonical.EXPIRY_TRACKING_EXTENSION,
                        CuraCanonical.BATCH_TRACKING_EXTENSION)
                .build();
    }

    public static Basic toFhir(InventoryItemRow row, List<ItemBatch> batches, String currency,
            MappingContext context) {
        Basic item = new Basic();
        item.setCode(kind());
        item.addIdentifier().setSystem(CuraCanonical.itemCodeSystem(context.subdomain())).setValue(row.itemCode());
        item.addExtension(STATUS, new CodeType(row.active() ? "active" : "inactive"));
        Extension name = item.addExtension().setUrl(NAME);
        name.addExtension("nameType", new Coding(NAME_TYPE_SYSTEM, "preferred", "Preferred"));
        name.addExtension("language", new CodeType(LANGUAGE));
        name.addExtension("name", new StringType(row.name()));
        if (row.description() != null) {
            Extension description = item.addExtension().setUrl(DESCRIPTION);
            description.addExtension("language", new CodeType(LANGUAGE));
            description.addExtension("description", new StringType(row.description()));
        }
        item.addExtension(BASE_UNIT, new CodeableConcept().setText(row.unit()));
        if (row.category() != null) {
            item.addExtension(CATEGORY, new CodeableConcept().setText(row.category()));
        }
        if (row.supplier() != null) {
            Extension supplier = item.addExtension().setUrl(RESPONSIBLE_ORGANIZATION);
            supplier.addExtension("role", new CodeableConcept().setText(SUPPLIER_ROLE));
            supplier.addExtension("organization", new Reference().setDisplay(row.supplier()));
        }
        item.addExtension(CuraCanonical.REORDER_LEVEL_EXTENSION, new IntegerType(row.reorderLevel()));
        item.addExtension(CuraCanonical.STOCK_ON_HAND_EXTENSION, new IntegerType(row.currentStock()));
        item.addExtension(CuraCanonical.UNIT_COST_EXTENSION, money(row.unitCost(), currency));
        if (row.sellingPrice() != null) {
            item.addExtension(CuraCanonical.SELLING_PRICE_EXTENSION, money(row.sellingPrice(), currency));
        }
        if (row.storageLocation() != null) {
            item.addExtension(CuraCanonical.STORAGE_LOCATION_EXTENSION, new StringType(row.storageLocation()));
        }
        item.addExtension(CuraCanonical.EXPIRY_TRACKING_EXTENSION, new BooleanType(row.expiryTracking()));
        item.addExtension(CuraCanonical.BATCH_TRACKING_EXTENSION, new BooleanType(row.batchTracking()));
        setBatches(item, batches);
        return item;
    }

    /** Replaces the item's batches (the server keeps them from the ledger). */
    public static void setBatches(Basic item, List<ItemBatch> batches) {
        List<Extension> kept = new ArrayList<>(item.getExtension().stream()
                .filter(e -> !INSTANCE.equals(e.getUrl())).toList());
        for (ItemBatch batch : batches) {
            Extension instance = new Extension(INSTANCE);
            instance.addExtension("lotNumber", new StringType(batch.batchNumber()));
            if (batch.expiry() != null) {
                instance.addExtension("expiry", new org.hl7.fhir.r4.model.DateTimeType(batch.expiry().toString()));
            }
            if (batch.location() != null) {
                instance.addExtension("location", new Reference().setDisplay(batch.location()));
            }
            instance.addExtension(CuraCanonical.BATCH_REMAINING_EXTENSION, new IntegerType(batch.remaining()));
            kept.add(instance);
        }
        item.setExtension(kept);
    }

    /** Sets the stock the item shows (the server keeps it from the ledger). */
    public static void setStock(Basic item, int stock) {
        Extension onHand = item.getExtensionByUrl(CuraCanonical.STOCK_ON_HAND_EXTENSION);
        if (onHand == null) {
            item.addExtension(CuraCanonical.STOCK_ON_HAND_EXTENSION, new IntegerType(stock));
        } else {
            onHand.setValue(new IntegerType(stock));
        }
    }

    /** The stock the item shows, if it shows one. */
    public static Optional<Integer> stock(Basic item) {
        return Optional.ofNullable(item.getExtensionByUrl(CuraCanonical.STOCK_ON_HAND_EXTENSION))
                .map(e -> integer(e, CuraCanonical.STOCK_ON_HAND_EXTENSION));
    }

    public static Optional<String> itemCode(Basic item, MappingContext context) {
        String system = CuraCanonical.itemCodeSystem(context.subdomain());
        return item.getIdentifier().stream().filter(i -> system.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue).findFirst();
    }

    /** The row of an item whose code the server has filled in, and whose stock is {@code currentStock}. */
    public static InventoryItemRow toRow(Basic item, MappingContext context) {
        String code = itemCode(item, context).orElseThrow(() -> new UnmappableResourceException("Basic.identifier",
                "An inventory item needs its item code: an identifier of system "
                        + CuraCanonical.itemCodeSystem(context.subdomain())));
        Extension nameExtension = item.getExtensionByUrl(NAME);
        String name = nameExtension == null ? null : text(nameExtension.getExtensionByUrl("name"));
        if (blankToNull(name) == null) {
            throw new UnmappableResourceException("Basic.extension('" + NAME + "')",
                    "An inventory item needs its name (the InventoryItem.name extension with a name)");
        }
        Extension descriptionExtension = item.getExtensionByUrl(DESCRIPTION);
        String description = descriptionExtension == null ? null
                : text(descriptionExtension.getExtensionByUrl("description"));
        String unit = concept(item, BASE_UNIT);
        if (unit == null) {
            throw new UnmappableResourceException("Basic.extension('" + BASE_UNIT + "')",
                    "An inventory item needs its unit (the InventoryItem.baseUnit extension: box, bottle, unit, ...)");
        }
        if (unit.length() > 20) {
            throw new UnmappableResourceException("Basic.extension('" + BASE_UNIT + "')",
                    "The item's unit is at most 20 characters");
        }
        if (code.length() > 50) {
            throw new UnmappableResourceException("Basic.identifier", "The item code is at most 50 characters");
        }
        Extension status = item.getExtensionByUrl(STATUS);
        String statusCode = status == null || !status.hasValue() ? "active" : status.getValue().primitiveValue();
        if (!"active".equals(statusCode) && !"inactive".equals(statusCode)) {
            throw new UnmappableResourceException("Basic.extension('" + STATUS + "')",
                    "An inventory item's status is active or inactive");
        }
        Extension supplierExtension = item.getExtensionByUrl(RESPONSIBLE_ORGANIZATION);
        String supplier = null;
        if (supplierExtension != null && supplierExtension.getExtensionByUrl("organization") != null
                && supplierExtension.getExtensionByUrl("organization").getValue() instanceof Reference reference) {
            supplier = blankToNull(reference.getDisplay());
        }
        BigDecimal unitCost = amount(item, CuraCanonical.UNIT_COST_EXTENSION);
        if (unitCost == null) {
            throw new UnmappableResourceException("Basic.extension('" + CuraCanonical.UNIT_COST_EXTENSION + "')",
                    "An inventory item needs its unit cost (the unit-cost extension)");
        }
        Extension reorder = item.getExtensionByUrl(CuraCanonical.REORDER_LEVEL_EXTENSION);
        int reorderLevel = reorder == null ? 10 : integer(reorder, CuraCanonical.REORDER_LEVEL_EXTENSION);
        if (reorderLevel < 0) {
            throw new UnmappableResourceException("Basic.extension('" + CuraCanonical.REORDER_LEVEL_EXTENSION + "')",
                    "The reorder level is zero or more");
        }
        return new InventoryItemRow(code, name, blankToNull(description), unit, reorderLevel, stock(item).orElse(0),
                unitCost, amount(item, CuraCanonical.SELLING_PRICE_EXTENSION), concept(item, CATEGORY), supplier,
                blankToNull(string(item, CuraCanonical.STORAGE_LOCATION_EXTENSION)),
                flag(item, CuraCanonical.EXPIRY_TRACKING_EXTENSION), flag(item, CuraCanonical.BATCH_TRACKING_EXTENSION),
                "active".equals(statusCode));
    }

    /** The batches the item shows. */
    public static List<ItemBatch> batches(Basic item) {
        List<ItemBatch> batches = new ArrayList<>();
        for (Extension instance : item.getExtensionsByUrl(INSTANCE)) {
            Extension expiry = instance.getExtensionByUrl("expiry");
            Extension location = instance.getExtensionByUrl("location");
            Extension remaining = instance.getExtensionByUrl(CuraCanonical.BATCH_REMAINING_EXTENSION);
            batches.add(new ItemBatch(text(instance.getExtensionByUrl("lotNumber")),
                    expiry == null ? null : LocalDate.parse(expiry.getValue().primitiveValue().substring(0, 10)),
                    location == null ? null : ((Reference) location.getValue()).getDisplay(),
                    remaining == null ? 0 : integer(remaining, CuraCanonical.BATCH_REMAINING_EXTENSION)));
        }
        return batches;
    }

    private static Money money(BigDecimal amount, String currency) {
        Money money = new Money();
        money.setValue(amount);
        money.setCurrency(currency);
        return money;
    }

    private static BigDecimal amount(Basic item, String url) {
        Extension extension = item.getExtensionByUrl(url);
        if (extension == null || !extension.hasValue()) {
            return null;
        }
        if (!(extension.getValue() instanceof Money money) || !money.hasValue()) {
            throw new UnmappableResourceException("Basic.extension('" + url + "')", "The " + url
                    + " extension holds a Money with a value");
        }
        if (money.getValue().signum() < 0) {
            throw new UnmappableResourceException("Basic.extension('" + url + "')", "A cost or price is not negative");
        }
        return money.getValue();
    }

    private static int integer(Extension extension, String url) {
        if (!(extension.getValue() instanceof IntegerType value) || value.getValue() == null) {
            throw new UnmappableResourceException("Basic.extension('" + url + "')", "The " + url
                    + " extension holds an integer");
        }
        return value.getValue();
    }

    private static boolean flag(Basic item, String url) {
        Extension extension = item.getExtensionByUrl(url);
        return extension != null && extension.getValue() instanceof BooleanType value
                && Boolean.TRUE.equals(value.getValue());
    }

    private static String string(Basic item, String url) {
        return text(item.getExtensionByUrl(url));
    }

    private static String concept(Basic item, String url) {
        Extension extension = item.getExtensionByUrl(url);
        if (extension == null || !(extension.getValue() instanceof CodeableConcept concept)) {
            return null;
        }
        if (concept.hasText()) {
            return blankToNull(concept.getText());
        }
        return concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                .filter(java.util.Objects::nonNull).findFirst().map(t -> blankToNull(t)).orElse(null);
    }

    private static String text(Extension extension) {
        if (extension == null) {
            return null;
        }
        Type value = extension.getValue();
        return value == null ? null : value.primitiveValue();
    }
}
