package io.lakegate.connector.audit;

import io.lakegate.connector.telemetry.LakegateTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The audit pipeline: the request path only {@link #record offers} an event to a bounded queue (never blocks); one
 * background thread drains it in batches to the {@link AuditSink}.
 *
 * <p>Buffer full (the sink is slower than the traffic, or down): the event is dropped, counted in
 * {@code lakegate.audit.dropped} and logged at most once a minute; the tool call itself goes on. A batch the sink
 * refuses is retried with backoff, then counted in {@code lakegate.audit.failed}.
 *
 * <p>Shutdown: this lifecycle stops after the web server has drained its in-flight requests (lower phase), then
 * the thread writes every event still queued before the context closes.
 */
public class AuditTrail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    /** Below the web server's graceful-shutdown phases, so it stops after the last request finished. */
    public static final int PHASE = 0;

    private final AuditSink sink;
    private final BlockingQueue<AuditEvent> queue;
    private final int maxBatch;
    private final int writeAttempts;
    private final Duration shutdownTimeout;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long lastDropWarning;
    private volatile boolean running;
    private volatile boolean accepting = true;
    private Thread drainer;

    public AuditTrail(AuditSink sink, AuditProperties props, LakegateTelemetry telemetry) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(props.getBufferCapacity());
        this.maxBatch = props.getMaxBatch();
        this.writeAttempts = Math.max(1, props.getWriteAttempts());
        this.shutdownTimeout = props.getShutdownTimeout();
        telemetry.observableCounter(
                "lakegate.audit.written", "Audit events stored by the sink", m -> m.record(written.get()));
        telemetry.observableCounter(
                "lakegate.audit.dropped",
                "Audit events dropped because the buffer was full",
                m -> m.record(dropped.get()));
        telemetry.observableCounter(
                "lakegate.audit.failed", "Audit events the sink refused after retries", m -> m.record(failed.get()));
        telemetry.gauge("lakegate.audit.queue.size", "Audit events waiting in the buffer", m -> m.record(queue.size()));
    }

    /** Never blocks: {@code false} when the event was dropped. */
    public boolean record(AuditEvent event) {
        if (accepting && queue.offer(event)) {
            return true;
        }
        dropped.incrementAndGet();
        long now = System.currentTimeMillis();
        if (now - lastDropWarning > 60_000) {
            lastDropWarning = now;
            log.warn(
                    "Audit buffer full or closed: dropping events ({} dropped so far, sink {})",
                    dropped.get(),
                    sink.name());
        }
        return false;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        accepting = true;
        drainer = new Thread(this::drainLoop, "audit-drain");
        drainer.setDaemon(true);
        drainer.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            drainer.join(shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        accepting = false;
        if (drainer.isAlive()) {
            drainer.interrupt();
            log.error("Audit drain did not finish within {}: {} events not written", shutdownTimeout, queue.size());
        }
        log.info("Audit trail closed: {} written, {} dropped, {} failed", written.get(), dropped.get(), failed.get());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void drainLoop() {
        List<AuditEvent> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                AuditEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                writeWithRetry(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void writeWithRetry(List<AuditEvent> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                sink.write(batch);
                written.addAndGet(batch.size());
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= writeAttempts) {
                    failed.addAndGet(batch.size());
                    log.error(
                            "Audit sink {} refused {} events after {} attempts: {}",
                            sink.name(),
                            batch.size(),
                            attempt,
                            e.toString());
                    return;
                }
                Thread.sleep(Math.min(5000, 100L << attempt));
            }
        }
    }

    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long failed() {
        return failed.get();
    }

    public int queued() {
        return queue.size();
    }
}
