package health.cura.mappings.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class InventoryCoreTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @Property(tries = 500)
    void stockIsTheSumOfTheMovementsAcceptedAndNeverNegative(@ForAll("movements") List<Object[]> movements) {
        int stock = 0;
        int sum = 0;
        for (Object[] movement : movements) {
            String type = (String) movement[0];
            int quantity = (Integer) movement[1];
            try {
                stock = StockLedger.after(stock, type, quantity);
                sum += quantity;
            } catch (StockLedger.Refused refused) {
                // refused movements change nothing
            }
            assertThat(stock).isEqualTo(sum).isNotNegative();
        }
    }

    @Property(tries = 500)
    void aPickTakesFirstExpiryFirstNeverAnExpiredBatchAndExactlyWhatWasAsked(
            @ForAll("batches") List<BatchStock> batches, @ForAll("wanted") int wanted) {
        int usable = batches.stream().filter(b -> !b.expiredOn(TODAY)).mapToInt(BatchStock::remaining).sum();
        if (usable < wanted) {
            assertThatThrownBy(() -> BatchPick.firstExpiryFirst(batches, wanted, TODAY))
                    .isInstanceOf(BatchPick.NotEnoughStock.class);
            return;
        }
        List<BatchPick.Take> takes = BatchPick.firstExpiryFirst(batches, wanted, TODAY);
        assertThat(takes.stream().mapToInt(BatchPick.Take::quantity).sum()).isEqualTo(wanted);
        List<BatchStock> taken = takes.stream().map(t -> batches.stream().filter(b -> b.batchId() == t.batchId())
                .findFirst().orElseThrow()).toList();
        assertThat(taken).noneMatch(b -> b.expiredOn(TODAY));
        for (int i = 0; i < takes.size(); i++) {
            assertThat(takes.get(i).quantity()).isPositive().isLessThanOrEqualTo(taken.get(i).remaining());
            if (i < takes.size() - 1) {
                // every batch but the last is emptied, and none expires after one taken later
                assertThat(takes.get(i).quantity()).isEqualTo(taken.get(i).remaining());
            }
        }
        for (BatchStock left : batches) {
            boolean untouched = takes.stream().noneMatch(t -> t.batchId() == left.batchId());
            if (untouched && !left.expiredOn(TODAY) && left.remaining() > 0 && left.expiry() != null) {
                BatchStock last = taken.get(taken.size() - 1);
                assertThat(last.expiry() == null || !left.expiry().isBefore(last.expiry()))
                        .as("a batch expiring sooner was left").isTrue();
            }
        }
    }

    @Example
    void threeBatchesAreTakenInExpiryOrderAndTheExpiredOneIsLeft() {
        List<BatchStock> batches = List.of(
                new BatchStock(1, "LATE", LocalDate.of(2027, 6, 1), 10, new BigDecimal("2.00")),
                new BatchStock(2, "GONE", LocalDate.of(2026, 12, 3), 50, new BigDecimal("1.50")),
                new BatchStock(3, "SOON", LocalDate.of(2027, 1, 15), 4, new BigDecimal("2.10")),
                new BatchStock(4, "NONE", null, 100, new BigDecimal("2.20")));
        assertThat(BatchPick.firstExpiryFirst(batches, 12, TODAY)).containsExactly(
                new BatchPick.Take(3, "SOON", 4), new BatchPick.Take(1, "LATE", 8));
        assertThatThrownBy(() -> BatchPick.firstExpiryFirst(batches, 115, TODAY))
                .isInstanceOf(BatchPick.NotEnoughStock.class).hasMessageContaining("Only 114");
    }

    @Example
    void valuationByFifoAndWeightedAverageMatchesWorkedExamples() {
        // in 10 at 2.00, in 10 at 3.00, out 15, in 5 at 4.00
        List<StockValuation.Movement> ledger = List.of(new StockValuation.Movement(10, new BigDecimal("2.00")),
                new StockValuation.Movement(10, new BigDecimal("3.00")), new StockValuation.Movement(-15, null),
                new StockValuation.Movement(5, new BigDecimal("4.00")));
        // FIFO: 5 left of the 3.00 lot (15.00) + 5 at 4.00 (20.00)
        assertThat(StockValuation.fifo(ledger)).isEqualTo(new StockValuation.Value(10, new BigDecimal("35.00")));
        // average: 20 at 2.50 = 50.00; 15 out leaves 5 at 2.50 = 12.50; +5 at 4.00 = 32.50
        assertThat(StockValuation.weightedAverage(ledger))
                .isEqualTo(new StockValuation.Value(10, new BigDecimal("32.50")));
        // thirds: 3 at 1.00 + out 1 leaves 2 at 1.00; unrounded averages round once at the end
        List<StockValuation.Movement> thirds = List.of(new StockValuation.Movement(1, new BigDecimal("1.00")),
                new StockValuation.Movement(2, new BigDecimal("0.50")), new StockValuation.Movement(-1, null));
        assertThat(StockValuation.weightedAverage(thirds).value()).isEqualByComparingTo("1.33");
        assertThat(StockValuation.fifo(thirds).value()).isEqualByComparingTo("1.00");
    }

    @Example
    void movementsAreSignedByTheirType() {
        assertThatThrownBy(() -> StockLedger.check("purchase", -1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> StockLedger.check("sale", 3)).hasMessageContaining("negative");
        assertThatThrownBy(() -> StockLedger.check("gift", 3)).hasMessageContaining("not a stock movement type");
        assertThatThrownBy(() -> StockLedger.after(2, "damaged", -3)).hasMessageContaining("Only 2 in stock");
        assertThat(StockLedger.after(2, "return", -2)).isZero();
    }

    @Provide
    Arbitrary<List<Object[]>> movements() {
        Arbitrary<Object[]> movement = Combinators.combine(
                Arbitraries.of("purchase", "sale", "adjustment", "return", "transfer", "expired", "damaged", "gift"),
                Arbitraries.integers().between(-50, 50))
                .as((type, quantity) -> new Object[] {type, quantity});
        return movement.list().ofMaxSize(60).map(ArrayList::new);
    }

    @Provide
    Arbitrary<List<BatchStock>> batches() {
        Arbitrary<LocalDate> expiry = Arbitraries.integers().between(-30, 400).map(TODAY::plusDays).injectNull(0.2);
        return Combinators.combine(expiry, Arbitraries.integers().between(0, 40))
                .as((date, remaining) -> new Object[] {date, remaining}).list().ofMaxSize(6)
                .map(list -> {
                    List<BatchStock> batches = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        batches.add(new BatchStock(i + 1, "B" + (i + 1), (LocalDate) list.get(i)[0],
                                (Integer) list.get(i)[1], BigDecimal.ONE));
                    }
                    return batches;
                });
    }

    @Provide
    Arbitrary<Integer> wanted() {
        return Arbitraries.integers().between(1, 120);
    }
}
