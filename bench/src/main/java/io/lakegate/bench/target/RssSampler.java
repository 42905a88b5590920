package io.lakegate.bench.target;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a process's resident memory while a load runs and keeps the peak. */
public final class RssSampler implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final AtomicLong peak = new AtomicLong();

    private RssSampler(ProcessHandle process, long periodMillis) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler-" + process.pid());
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(
                () -> peak.accumulateAndGet(ProcStats.rssBytes(process), Math::max),
                0,
                periodMillis,
                TimeUnit.MILLISECONDS);
    }

    public static RssSampler start(ProcessHandle process) {
        return new RssSampler(process, 200);
    }

    public long peakBytes() {
        return peak.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
