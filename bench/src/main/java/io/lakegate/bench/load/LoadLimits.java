package io.lakegate.bench.load;

import java.time.Duration;

/**
 * Bounds of one phase: a warm-up (discarded) and a measurement, each stopped by whichever comes first of a call count
 * and a wall-clock time, so no loop of the harness can run unbounded.
 */
public record LoadLimits(Duration warmup, long warmupMaxCalls, Duration measure, long measureMaxCalls) {

    public LoadLimits {
        if (warmup.isNegative()
                || measure.isZero()
                || measure.isNegative()
                || warmupMaxCalls < 0
                || measureMaxCalls <= 0) {
            throw new IllegalArgumentException(
                    "invalid load limits " + warmup + "/" + warmupMaxCalls + ", " + measure + "/" + measureMaxCalls);
        }
    }

    public LoadLimits scaled(double factor) {
        return new LoadLimits(scale(warmup, factor), warmupMaxCalls, scale(measure, factor), measureMaxCalls);
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * factor)));
    }
}
