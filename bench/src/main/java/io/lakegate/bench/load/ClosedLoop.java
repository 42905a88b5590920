package io.lakegate.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closed-loop load: each virtual user sends its next request as soon as its previous one completed, so the offered load
 * is exactly the concurrency and no request queues inside the generator. A phase is a discarded warm-up followed by a
 * measurement; both are bounded in calls and in time.
 */
public final class ClosedLoop {

    /** Latencies above this are clamped into the top bucket (they would be a failure anyway: the client times out). */
    private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.SECONDS.toMicros(120);
    /** Grace after a phase's time budget for the calls still in flight to finish. */
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private ClosedLoop() {}

    /** Runs the warm-up part of {@code limits}; nothing is recorded. */
    public static void warmup(Operation operation, List<? extends VirtualUser> users, LoadLimits limits) {
        if (limits.warmupMaxCalls() > 0 && !limits.warmup().isZero()) {
            runFor(
                    users,
                    operation,
                    limits.warmup(),
                    limits.warmupMaxCalls(),
                    new Recorder(HIGHEST_TRACKABLE_MICROS, 3));
        }
    }

    /** Runs the measured part of {@code limits}, every user in its own closed loop. */
    public static PhaseResult measure(
            String target, Operation operation, List<? extends VirtualUser> users, LoadLimits limits) {
        Recorder recorder = new Recorder(HIGHEST_TRACKABLE_MICROS, 3);
        Outcome outcome = runFor(users, operation, limits.measure(), limits.measureMaxCalls(), recorder);
        Histogram h = recorder.getIntervalHistogram();
        return new PhaseResult(
                target,
                operation.name(),
                users.size(),
                h.getTotalCount(),
                outcome.errors(),
                outcome.elapsed(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(99),
                h.getMaxValue(),
                outcome.firstError());
    }

    private record Outcome(Duration elapsed, long errors, String firstError) {}

    private static Outcome runFor(
            List<? extends VirtualUser> users, Operation operation, Duration budget, long maxCalls, Recorder recorder) {
        AtomicLong remaining = new AtomicLong(maxCalls);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        // Admission is decided before each call: once the budget is spent no new call starts, calls in flight finish.
        java.util.function.BooleanSupplier admit =
                () -> System.nanoTime() < deadline && remaining.getAndDecrement() > 0;
        Flux.fromIterable(users)
                .flatMap(
                        user -> Mono.defer(() -> admit.getAsBoolean()
                                        ? timedCall(user, operation, recorder, errors, firstError)
                                        : Mono.just(Boolean.FALSE))
                                .repeat(() -> System.nanoTime() < deadline && remaining.get() > 0)
                                .takeWhile(Boolean::booleanValue)
                                .then(),
                        users.size())
                .then()
                .block(budget.plus(DRAIN));
        return new Outcome(Duration.ofNanos(System.nanoTime() - start), errors.get(), firstError.get());
    }

    private static Mono<Boolean> timedCall(
            VirtualUser user,
            Operation operation,
            Recorder recorder,
            AtomicLong errors,
            AtomicReference<String> firstError) {
        long t0 = System.nanoTime();
        return user.call(operation)
                .then(Mono.fromSupplier(() -> {
                    recorder.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS, (System.nanoTime() - t0) / 1_000));
                    return Boolean.TRUE;
                }))
                .onErrorResume(e -> {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, describe(e));
                    return Mono.just(Boolean.TRUE);
                });
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        return root.getClass().getSimpleName() + ": " + (message.length() > 300 ? message.substring(0, 300) : message);
    }
}
