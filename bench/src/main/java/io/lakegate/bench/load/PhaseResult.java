package io.lakegate.bench.load;

import java.time.Duration;

/**
 * What one measured phase produced. Latencies are in microseconds; only successful calls are in the percentiles, errors
 * are counted separately so a fast failure can never pass for a fast answer.
 */
public record PhaseResult(
        String target,
        String operation,
        int concurrency,
        long calls,
        long errors,
        Duration elapsed,
        double p50Micros,
        double p99Micros,
        double maxMicros,
        String firstError) {

    public double throughputPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : calls / seconds;
    }

    public double p50Millis() {
        return p50Micros / 1000.0;
    }

    public double p99Millis() {
        return p99Micros / 1000.0;
    }
}
