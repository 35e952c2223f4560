package health.cura.fhir;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The last step of startup, before the server reports itself ready: one full collection. Starting builds hundreds of
 * megabytes that are garbage once it is done (parsed definitions, Hibernate's metamodel builders, the validator's
 * warm-up); G1 gives the emptied heap back to the operating system only after a full collection, and then keeps
 * free up to {@code MaxHeapFreeRatio} (70 % by default) of what it has committed, so without this a server at rest
 * keeps the resident memory of its startup. For this one collection the ratios are lowered (both are manageable
 * flags), then restored, so the heap grows again under load as the JVM's settings say.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class StartupHeapRelease implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupHeapRelease.class);
    private static final String MIN_FREE = "MinHeapFreeRatio";
    private static final String MAX_FREE = "MaxHeapFreeRatio";

    @Override
    public void run(ApplicationArguments args) {
        MemoryUsage before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        HotSpotDiagnosticMXBean flags = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String minFree = flags.getVMOption(MIN_FREE).getValue();
        String maxFree = flags.getVMOption(MAX_FREE).getValue();
        try {
            flags.setVMOption(MIN_FREE, "10");
            flags.setVMOption(MAX_FREE, "20");
            System.gc();
        } catch (IllegalArgumentException e) {
            // a JVM started with other ratios that these would contradict: collect with them as they are
            System.gc();
        } finally {
            flags.setVMOption(MAX_FREE, maxFree);
            flags.setVMOption(MIN_FREE, minFree);
        }
        MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        log.info("Startup garbage released: heap {} MB used of {} MB committed, was {} of {}",
                after.getUsed() >> 20, after.getCommitted() >> 20, before.getUsed() >> 20, before.getCommitted() >> 20);
    }
}
