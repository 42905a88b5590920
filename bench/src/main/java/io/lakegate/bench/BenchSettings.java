package io.lakegate.bench;

import io.lakegate.bench.load.LoadLimits;
import java.time.Duration;
import java.util.List;

/**
 * Phase lengths and concurrency levels. The full run is what docs/benchmarks.md publishes; {@code --quick} is a smoke
 * run of the whole harness (same phases, short), whose figures are not meant to be quoted.
 */
record BenchSettings(List<Integer> concurrencies, LoadLimits limits, LoadLimits profileLimits) {

    static BenchSettings full() {
        return new BenchSettings(List.of(1, 16, 64),
                new LoadLimits(Duration.ofSeconds(3), 50_000, Duration.ofSeconds(10), 500_000),
                new LoadLimits(Duration.ZERO, 0, Duration.ofSeconds(15), 500_000));
    }

    static BenchSettings quick() {
        return new BenchSettings(List.of(1, 16, 64),
                new LoadLimits(Duration.ofMillis(500), 5_000, Duration.ofSeconds(2), 50_000),
                new LoadLimits(Duration.ZERO, 0, Duration.ofSeconds(3), 50_000));
    }
}
