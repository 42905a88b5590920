package io.lakegate.bench;

import io.lakegate.bench.load.LoadLimits;
import java.time.Duration;
import java.util.List;

/**
 * Phase lengths and concurrency levels. {@code jitWarmup} is a discarded mixed load (every measured request, in turn)
 * run on each server before its first measured phase, so a JIT-compiled server is not measured while still compiling;
 * it is the same for both servers. The full run is what docs/benchmarks.md publishes; {@code --quick} is a smoke
 * run of the whole harness (same phases, short), whose figures are not meant to be quoted. The community peers are
 * measured at 1/8/32 sessions (the comparison the issue asks for); Lakegate, the FastMCP peer and the direct baseline
 * also at 64, where the overhead target and the memory peak are read.
 */
record BenchSettings(
        List<Integer> concurrencies,
        List<Integer> communityPeerConcurrencies,
        Duration jitWarmup,
        int jitWarmupSessions,
        LoadLimits limits,
        LoadLimits profileLimits) {

    static BenchSettings full() {
        return new BenchSettings(
                List.of(1, 8, 32, 64),
                List.of(1, 8, 32),
                Duration.ofSeconds(24),
                16,
                new LoadLimits(Duration.ofSeconds(2), 50_000, Duration.ofSeconds(8), 500_000),
                new LoadLimits(Duration.ZERO, 0, Duration.ofSeconds(15), 500_000));
    }

    static BenchSettings quick() {
        return new BenchSettings(
                List.of(1, 8, 32, 64),
                List.of(1, 8, 32),
                Duration.ofSeconds(2),
                16,
                new LoadLimits(Duration.ofMillis(500), 5_000, Duration.ofSeconds(2), 50_000),
                new LoadLimits(Duration.ZERO, 0, Duration.ofSeconds(3), 50_000));
    }
}
