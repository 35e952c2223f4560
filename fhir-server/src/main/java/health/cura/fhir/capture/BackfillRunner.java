package health.cura.fhir.capture;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * This node's part in backfills: when the server is ready it starts one (or resumes the one under way), then keeps
 * the workers fed a batch at a time, logging how far it has got every ten seconds. Rows are counted and named by
 * table only, never by their values.
 */
public final class BackfillRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackfillRunner.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    private static final long IDLE_MILLIS = 2_000;
    private static final long FULL_MILLIS = 200;

    private final Backfill backfill;
    private final ChangeWorker workers;
    private final CaptureProperties properties;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition kicked = lock.newCondition();
    private volatile boolean running;
    private Thread thread;

    public BackfillRunner(Backfill backfill, ChangeWorker workers, CaptureProperties properties) {
        this.backfill = backfill;
        this.workers = workers;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        if (properties.enabled()) {
            start();
        }
    }

    /** Starts a backfill now (unless one is under way); whether one is under way. */
    public boolean startBackfill() {
        boolean under = backfill.start();
        kick();
        return under;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "cura-backfill");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            if (properties.backfillAtStart()) {
                backfill.start();
            }
        } catch (RuntimeException e) {
            log.warn("Starting the backfill failed ({}); it is tried again by $capture-backfill",
                    e.getClass().getSimpleName());
        }
        Instant reported = Instant.now();
        boolean wasRunning = false;
        while (running) {
            long pause = IDLE_MILLIS;
            try {
                if (backfill.queueNext()) {
                    workers.wakeAll();
                    pause = 0;
                } else {
                    Backfill.Progress progress = backfill.progress();
                    if (progress.running()) {
                        pause = FULL_MILLIS;
                        wasRunning = true;
                        if (Duration.between(reported, Instant.now()).compareTo(REPORT_EVERY) >= 0) {
                            report(progress);
                            reported = Instant.now();
                        }
                    } else if (wasRunning) {
                        wasRunning = false;
                        log.info("Backfill done: {} rows", progress.done());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Backfill paused ({}); trying again", e.getClass().getSimpleName());
            }
            if (pause > 0) {
                pause(pause);
            }
        }
    }

    private static void report(Backfill.Progress progress) {
        Instant now = Instant.now();
        Duration left = progress.estimatedTimeLeft(now);
        log.info("Backfill: {} rows done, {} left, {} rows/s, about {} s to go", progress.done(), progress.left(),
                Math.round(progress.rate(now)), left == null ? "?" : left.toSeconds());
    }

    private void kick() {
        lock.lock();
        try {
            kicked.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void pause(long millis) {
        lock.lock();
        try {
            kicked.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return false;
    }
}
