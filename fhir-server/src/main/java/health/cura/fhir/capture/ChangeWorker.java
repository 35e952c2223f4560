package health.cura.fhir.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * The threads that apply captured changes on this node. They start once the server is ready (every existing clinic a
 * tenant), apply until the log has nothing due, then wait for a {@code NOTIFY} from the triggers, or for the poll
 * interval, whichever comes first. A dedicated connection outside the pool listens; if it breaks, polling goes on
 * while it reconnects.
 */
public final class ChangeWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeWorker.class);
    static final String CHANNEL = "cura_row_changes";

    private final ChangeApplier applier;
    private final DataSource listening;
    private final CaptureProperties properties;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /** @param listening connections of its own (not the pool's), for {@code LISTEN} */
    public ChangeWorker(ChangeApplier applier, DataSource listening, CaptureProperties properties) {
        this.applier = applier;
        this.listening = listening;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        if (properties.enabled()) {
            start();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            threads.add(daemon("cura-capture-" + i, this::work));
        }
        threads.add(daemon("cura-capture-listen", this::listen));
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public synchronized void stop() {
        running = false;
        wakeAll();
        for (Thread thread : threads) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        // started when the application is ready, not when the context is refreshed
        return false;
    }

    /** Wakes the workers now (a notification, or a caller that just queued changes). */
    public void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (running) {
            try {
                if (!applier.applyNext()) {
                    waitForChanges();
                }
            } catch (RuntimeException | Error e) {
                // the database is away, the server is stopping, or worse; the change stays in the log, and the
                // thread lives on to take it again
                log.warn("Applying captured changes failed ({}); trying again", e.getClass().getSimpleName());
                waitForChanges();
            }
        }
    }

    private void waitForChanges() {
        lock.lock();
        try {
            changed.await(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = running && !Thread.currentThread().isInterrupted();
        } finally {
            lock.unlock();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = listening.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(1_000);
                    if (notifications != null && notifications.length > 0) {
                        wakeAll();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Listening for captured changes failed ({}); polling meanwhile", e.getSQLState());
                    sleep();
                }
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
