package health.cura.mappings.inventory;

import static health.cura.mappings.Generators.optionalText;
import static health.cura.mappings.Generators.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import health.cura.conformance.CuraCanonical;
import health.cura.mappings.InMemoryLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.UnmappableResourceException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.Basic;

class InventoryItemMapperTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final MappingContext context = new InMemoryLinks().context();

    @Property(tries = 400)
    void rowToResourceToRowIsExact(@ForAll("rows") InventoryItemRow row, @ForAll("batches") List<ItemBatch> batches) {
        Basic item = reparsed(InventoryItemMapper.toFhir(row, batches, "GBP", context));
        assertThat(InventoryItemMapper.isItem(item)).isTrue();
        assertThat(InventoryItemMapper.toRow(item, context)).isEqualTo(row);
        assertThat(InventoryItemMapper.batches(item)).isEqualTo(batches);
    }

    @Property(tries = 200)
    void resourceToRowToResourceKeepsTheOwnedElements(@ForAll("rows") InventoryItemRow row) {
        Basic first = InventoryItemMapper.toFhir(row, List.of(), "GBP", context);
        Basic again = InventoryItemMapper.toFhir(InventoryItemMapper.toRow(reparsed(first), context), List.of(), "GBP",
                context);
        assertThat(FHIR.newJsonParser().encodeResourceToString(again))
                .isEqualTo(FHIR.newJsonParser().encodeResourceToString(first));
    }

    @Example
    void aClientsItemNeedsItsNameUnitAndCost() {
        Basic item = InventoryItemMapper.toFhir(new InventoryItemRow("AMOX500", "Amoxicillin 500 mg capsules", null,
                "box", 5, 0, new BigDecimal("2.40"), null, null, null, null, true, true, true), List.of(), "GBP",
                context);
        Basic noCost = item.copy();
        noCost.getExtension().removeIf(e -> CuraCanonical.UNIT_COST_EXTENSION.equals(e.getUrl()));
        assertThatThrownBy(() -> InventoryItemMapper.toRow(noCost, context))
                .isInstanceOf(UnmappableResourceException.class).hasMessageContaining("unit cost");
        Basic noUnit = item.copy();
        noUnit.getExtension().removeIf(e -> InventoryItemMapper.BASE_UNIT.equals(e.getUrl()));
        assertThatThrownBy(() -> InventoryItemMapper.toRow(noUnit, context))
                .isInstanceOf(UnmappableResourceException.class).hasMessageContaining("unit");
        Basic noName = item.copy();
        noName.getExtension().removeIf(e -> InventoryItemMapper.NAME.equals(e.getUrl()));
        assertThatThrownBy(() -> InventoryItemMapper.toRow(noName, context))
                .isInstanceOf(UnmappableResourceException.class).hasMessageContaining("name");
    }

    @Example
    void anItemWithoutAReorderLevelReordersAtTheSchemasDefault() {
        Basic item = InventoryItemMapper.toFhir(new InventoryItemRow("GLV-M", "Nitrile gloves, medium", null, "box",
                3, 0, new BigDecimal("4.99"), null, null, null, null, false, false, true), List.of(), "GBP", context);
        item.getExtension().removeIf(e -> CuraCanonical.REORDER_LEVEL_EXTENSION.equals(e.getUrl()));
        assertThat(InventoryItemMapper.toRow(item, context).reorderLevel()).isEqualTo(10);
    }

    @Property(tries = 200)
    void aStockTakesLinesRoundTripCountedAndApproved(@ForAll("counts") List<StockCount> lines) {
        Basic counted = reparsed(StockTakeMapper.counted(lines, new java.util.Date(1_764_000_000_000L)));
        assertThat(StockTakeMapper.isStockTake(counted)).isTrue();
        assertThat(StockTakeMapper.status(counted)).isEqualTo(StockTakeMapper.REQUESTED);
        assertThat(StockTakeMapper.lines(counted)).isEqualTo(lines);
        List<StockCount> approved = lines.stream()
                .map(l -> new StockCount(l.itemId(), l.batch(), l.counted(), l.counted() - 3)).toList();
        StockTakeMapper.approve(counted, approved, new java.util.Date(1_764_100_000_000L));
        Basic again = reparsed(counted);
        assertThat(StockTakeMapper.status(again)).isEqualTo(StockTakeMapper.APPROVED);
        assertThat(StockTakeMapper.lines(again)).isEqualTo(approved);
    }

    @Provide
    Arbitrary<List<StockCount>> counts() {
        Arbitrary<StockCount> count = Builders.withBuilder(() -> new Object[3])
                .use(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(36)).in((a, v) -> set(a, 0, v))
                .use(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20).injectNull(0.4))
                .in((a, v) -> set(a, 1, v))
                .use(Arbitraries.integers().between(0, 10_000)).in((a, v) -> set(a, 2, v))
                .build(a -> new StockCount((String) a[0], (String) a[1], (Integer) a[2], null));
        return count.list().ofMinSize(1).ofMaxSize(6);
    }

    private static Basic reparsed(Basic item) {
        return FHIR.newJsonParser().parseResource(Basic.class, FHIR.newJsonParser().encodeResourceToString(item));
    }

    @Provide
    Arbitrary<InventoryItemRow> rows() {
        Arbitrary<BigDecimal> money = Arbitraries.integers().between(0, 1_000_000).map(p -> BigDecimal.valueOf(p, 2));
        return Builders.withBuilder(() -> new Object[14])
                .use(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(50)).in((a, v) -> set(a, 0, v))
                .use(text(5)).in((a, v) -> set(a, 1, v))
                .use(optionalText(8)).in((a, v) -> set(a, 2, v))
                .use(Arbitraries.of("box", "bottle", "unit", "pack of 10", "vial")).in((a, v) -> set(a, 3, v))
                .use(Arbitraries.integers().between(0, 500)).in((a, v) -> set(a, 4, v))
                .use(Arbitraries.integers().between(0, 100_000)).in((a, v) -> set(a, 5, v))
                .use(money).in((a, v) -> set(a, 6, v))
                .use(money.injectNull(0.4)).in((a, v) -> set(a, 7, v))
                .use(Arbitraries.of("Antibiotics", "Dressings", "Vaccines").injectNull(0.4)).in((a, v) -> set(a, 8, v))
                .use(Arbitraries.of("Alliance Healthcare", "Medline UK").injectNull(0.4)).in((a, v) -> set(a, 9, v))
                .use(Arbitraries.of("Fridge 1", "Store room, shelf B").injectNull(0.4)).in((a, v) -> set(a, 10, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 11, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 12, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 13, v))
                .build(a -> new InventoryItemRow((String) a[0], (String) a[1], (String) a[2], (String) a[3],
                        (Integer) a[4], (Integer) a[5], (BigDecimal) a[6], (BigDecimal) a[7], (String) a[8],
                        (String) a[9], (String) a[10], (Boolean) a[11], (Boolean) a[12], (Boolean) a[13]));
    }

    @Provide
    Arbitrary<List<ItemBatch>> batches() {
        Arbitrary<ItemBatch> batch = Builders.withBuilder(() -> new Object[4])
                .use(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20))
                .in((a, v) -> set(a, 0, v))
                .use(Arbitraries.integers().between(0, 2000).map(d -> LocalDate.of(2026, 1, 1).plusDays(d))
                        .injectNull(0.3)).in((a, v) -> set(a, 1, v))
                .use(Arbitraries.of("Fridge 2", "Crash trolley").injectNull(0.5)).in((a, v) -> set(a, 2, v))
                .use(Arbitraries.integers().between(0, 5000)).in((a, v) -> set(a, 3, v))
                .build(a -> new ItemBatch((String) a[0], (LocalDate) a[1], (String) a[2], (Integer) a[3]));
        return batch.list().ofMaxSize(4);
    }

    private static Object[] set(Object[] values, int index, Object value) {
        values[index] = value;
        return values;
    }
}
