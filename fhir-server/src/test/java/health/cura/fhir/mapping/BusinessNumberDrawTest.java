package health.cura.fhir.mapping;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A clinic's numbers are drawn without holding up its other writers: a transaction bundle that has drawn a patient
 * number and is still storing its other resources must not make every other write of the clinic wait for it.
 */
class BusinessNumberDrawTest extends ServerTest {

    @Autowired
    private BusinessNumbers numbers;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void aWriterStillOpenAfterDrawingANumberDoesNotHoldUpTheNextWriterOfTheClinic() throws Exception {
        int clinic = organizationId(newTenant("numbers"));
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        CountDownLatch drawn = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService firstWriter = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = firstWriter.submit(() -> transactions.execute(tx -> {
                String number = numbers.next(clinic, NumberKind.PATIENT);
                drawn.countDown();
                awaitQuietly(finish);
                tx.setRollbackOnly();
                return number;
            }));
            assertThat(drawn.await(30, SECONDS)).isTrue();

            String second = CompletableFuture
                    .supplyAsync(() -> transactions.execute(tx -> numbers.next(clinic, NumberKind.PATIENT)))
                    .get(20, SECONDS);

            finish.countDown();
            String firstNumber = first.get(30, SECONDS);
            assertThat(second).isNotEqualTo(firstNumber);
            String afterRollback = transactions.execute(tx -> numbers.next(clinic, NumberKind.PATIENT));
            assertThat(afterRollback).startsWith("P").isNotIn(firstNumber, second);
        } finally {
            finish.countDown();
            firstWriter.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
