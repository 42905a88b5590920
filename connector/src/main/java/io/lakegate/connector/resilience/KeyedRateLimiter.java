package io.lakegate.connector.resilience;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * One scope's limits, one pair of resilience4j limiters per key. resilience4j refills a fixed number of permits per
 * period and never accumulates unused ones, so "N per window with B % burst headroom" is built from two limiters
 * that must both grant a permit: a burst limiter ({@code N * (1 + B%)} per window) and a sustained limiter
 * ({@code N * sustainedWindows} per {@code sustainedWindows} windows). Idle keys are forgotten, which equals a refill.
 */
public final class KeyedRateLimiter {

    private final RateLimitScope scope;
    private final int burstLimit;
    private final int sustainedLimit;
    private final Duration window;
    private final Duration sustainedPeriod;
    private final Consumer<RateLimitScope> onReject;
    private final Cache<String, Pair> limiters;

    private record Pair(AtomicRateLimiter burst, AtomicRateLimiter sustained) {}

    public KeyedRateLimiter(
            RateLimitScope scope,
            RateLimitProperties.Limit limit,
            RateLimitProperties props,
            Consumer<RateLimitScope> onReject) {
        this.scope = scope;
        int replicas = props.getReplicas();
        int windows = Math.max(1, props.getSustainedWindows());
        this.window = props.getWindow();
        this.burstLimit = limit.burstPerReplica(replicas);
        this.sustainedLimit = limit.perReplica(replicas) * windows;
        this.sustainedPeriod = window.multipliedBy(windows);
        this.onReject = onReject;
        this.limiters = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(sustainedPeriod.multipliedBy(2))
                .build();
    }

    /** Runs {@code call} if {@code key} has a permit left, else fails with {@link RateLimitExceededException}. */
    public <T> Mono<T> limit(String key, Mono<T> call) {
        Pair pair = limiters.get(key, this::create);
        return call.transformDeferred(RateLimiterOperator.of(pair.sustained()))
                .onErrorMap(
                        RequestNotPermitted.class,
                        e -> rejected(key, pair.sustained(), sustainedLimit, sustainedPeriod))
                .transformDeferred(RateLimiterOperator.of(pair.burst()))
                .onErrorMap(RequestNotPermitted.class, e -> rejected(key, pair.burst(), burstLimit, window));
    }

    private RateLimitExceededException rejected(String key, AtomicRateLimiter limiter, int limit, Duration period) {
        onReject.accept(scope);
        long nanos = limiter.getDetailedMetrics().getNanosToWait();
        Duration retryAfter = Duration.ofNanos(Math.max(nanos, 1_000_000L));
        return new RateLimitExceededException(scope, key, limit, period, retryAfter);
    }

    private Pair create(String key) {
        return new Pair(
                limiter(key + "/burst", burstLimit, window),
                limiter(key + "/sustained", sustainedLimit, sustainedPeriod));
    }

    private static AtomicRateLimiter limiter(String name, int permits, Duration period) {
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(permits)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build();
        return new AtomicRateLimiter(name, config);
    }
}
