package io.lakegate.connector.resilience;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import reactor.core.publisher.Mono;

/**
 * A semaphore bulkhead per user around whole tool calls: one user's runaway agent cannot take every connection to
 * Databricks. A call over the limit is refused at once (no queue, no hang).
 */
public class UserBulkheads {

    private final int maxConcurrent;
    private final BulkheadConfig config;
    private final Cache<String, Bulkhead> bulkheads;

    public UserBulkheads(DownstreamProperties.Bulkhead props) {
        this.maxConcurrent = props.getMaxConcurrentPerUser();
        this.config = BulkheadConfig.custom().maxConcurrentCalls(maxConcurrent).maxWaitDuration(Duration.ZERO).build();
        // a bulkhead with calls in flight is touched by each of them, so only idle ones expire
        this.bulkheads = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(30)).maximumSize(100_000).build();
    }

    public <T> Mono<T> limit(String user, Mono<T> call) {
        if (user == null || maxConcurrent <= 0) {
            return call;
        }
        Bulkhead bulkhead = bulkheads.get(user, u -> Bulkhead.of("user:" + u, config));
        return call.transformDeferred(BulkheadOperator.of(bulkhead))
                .onErrorMap(BulkheadFullException.class, e -> new UserConcurrencyExceededException(maxConcurrent));
    }
}
