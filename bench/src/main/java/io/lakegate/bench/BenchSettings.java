package io.lakegate.bench;

import io.lakegate.bench.load.LoadLimits;
import java.time.Duration;
import java.util.List;

/**
 * Phase lengths and concurrency levels. The JIT warm-up is a discarded mixed load (every measured request, in turn)
 * run on each server before its first measured phase, in rounds of {@code jitWarmupRound}: at least
 * {@code jitWarmup}, then until a round in which the server's JIT compiler threads used less than
 * {@code jitQuietShare} of one core, at most {@code jitWarmupMax}. A fixed 24 s measured the JVM while C2 was still
 * compiling (17 % of the machine's CPU even after the last measured phase); servers without a JIT stop at the minimum. The full run is what docs/benchmarks.md publishes; {@code --quick} is a smoke
 * run of the whole harness (same phases, short), whose figures are not meant to be quoted. The community peers are
 * measured at 1/8/32 sessions (the comparison the issue asks for); Lakegate, the FastMCP peer and the direct baseline
 * also at 64, where the overhead target and the memory peak are read.
 */
record BenchSettings(
        List<Integer> concurrencies,
        List<Integer> communityPeerConcurrencies,
        Duration jitWarmup,
        Duration jitWarmupRound,
        Duration jitWarmupMax,
        double jitQuietShare,
        int jitWarmupSessions,
        LoadLimits limits,
        LoadLimits profileLimits) {

    static BenchSettings full() {
        return new BenchSettings(
                List.of(1, 8, 32, 64),
                List.of(1, 8, 32),
                Duration.ofSeconds(24),
                Duration.ofSeconds(8),
                Duration.ofSeconds(180),
                0.02,
                16,
                new LoadLimits(Duration.ofSeconds(2), 50_000, Duration.ofSeconds(8), 500_000),
                new LoadLimits(Duration.ZERO, 0, Duration.ofSeconds(15), 500_000));
    }

    static BenchSettings quick() {
        return new BenchSettings(
                List.of(1, 8, 32, 64),
                List.of(1, 8, 32),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                1.0,
                16,
                new LoadLimits(Duration.ofMillis(500), 5_000, Duration.ofSeconds(2), 50_000),
                new LoadLimits(Duration.ZERO, 0, Duration.ofSeconds(3), 50_000));
    }
}
