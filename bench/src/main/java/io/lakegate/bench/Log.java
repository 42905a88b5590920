package io.lakegate.bench;

import io.lakegate.bench.load.PhaseResult;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Progress lines on stderr, so a long run shows where it is; results go to files and stdout. */
final class Log {

    void info(String message) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
    }

    void phase(PhaseResult p) {
        info(String.format(
                Locale.ROOT,
                "  %-10s %-14s c=%-3d %8.0f/s p50 %7.2f ms p99 %7.2f ms calls %d errors %d%s",
                p.target(),
                p.operation(),
                p.concurrency(),
                p.throughputPerSecond(),
                p.p50Millis(),
                p.p99Millis(),
                p.calls(),
                p.errors(),
                p.firstError() == null ? "" : " first error: " + p.firstError()));
    }
}
