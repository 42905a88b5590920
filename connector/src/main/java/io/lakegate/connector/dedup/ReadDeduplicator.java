package io.lakegate.connector.dedup;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;

/**
 * Single-flight plus a short TTL cache for identical read-only calls: while a call is running, identical calls wait
 * for its result ("shared"); for {@code ttl} after it finished they get the same result ("hit"). Failures and empty
 * results are never kept (Caffeine drops failed futures), so an error is retried by the next call.
 *
 * <p>The upstream call runs with the Reactor context of the first caller (its trace, its identity) and is not
 * cancelled when that caller goes away, because others may be waiting for it.
 */
public class ReadDeduplicator {

    private final DedupProperties props;
    private final LakegateTelemetry telemetry;
    private final AsyncCache<DedupKey, Object> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder shared = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public ReadDeduplicator(DedupProperties props, LakegateTelemetry telemetry) {
        this.props = props;
        this.telemetry = telemetry;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(props.getTtl())
                .maximumSize(props.getMaxEntries())
                .buildAsync();
        telemetry.gauge(
                "lakegate.dedup.entries",
                "Entries in the dedup cache",
                m -> m.record(cache.synchronous().estimatedSize()));
    }

    public <T> Mono<T> dedup(DedupKey key, Mono<T> upstream) {
        return dedup(key, upstream, true);
    }

    /**
     * As {@link #dedup(DedupKey, Mono)}; with {@code keepResult} false the call is shared only while it runs, and the
     * next identical call after it finished goes upstream again.
     */
    @SuppressWarnings("unchecked")
    public <T> Mono<T> dedup(DedupKey key, Mono<T> upstream, boolean keepResult) {
        if (!props.isEnabled()) {
            return upstream;
        }
        return Mono.deferContextual(reactorContext -> {
            boolean[] loaded = {false};
            CompletableFuture<Object> result;
            boolean stale;
            do {
                result = cache.get(key, (k, executor) -> {
                    loaded[0] = true;
                    return upstream.contextWrite(reactorContext)
                            .map(Object.class::cast)
                            .toFuture();
                });
                // a finished in-flight-only result may still be in the map for an instant after it completed, and so
                // may a failure: Caffeine and the in-flight cleanup remove them in callbacks that can run after the
                // first caller has already answered (callbacks run last-registered first). Whoever removes it (this
                // call or that callback), the next look-up must not reuse it.
                stale = !loaded[0] && result.isDone() && (!keepResult || result.isCompletedExceptionally());
                if (stale) {
                    cache.asMap().remove(key, result);
                }
            } while (stale);
            if (!keepResult && loaded[0]) {
                CompletableFuture<Object> running = result;
                running.whenComplete((value, failure) -> cache.asMap().remove(key, running));
            }
            record(loaded[0] ? "miss" : result.isDone() ? "hit" : "shared");
            return Mono.fromFuture(result, true).map(v -> (T) v);
        });
    }

    private void record(String outcome) {
        switch (outcome) {
            case "miss" -> misses.increment();
            case "hit" -> hits.increment();
            default -> shared.increment();
        }
        telemetry.dedupLookup(outcome);
    }

    /** Forgets every shared result, so the next call of each key goes upstream (e.g. after grants changed). */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    /** Calls served without an upstream call, over all calls, since start. */
    public double hitRatio() {
        long saved = hits.sum() + shared.sum();
        long total = saved + misses.sum();
        return total == 0 ? 0 : (double) saved / total;
    }

    public long upstreamCalls() {
        return misses.sum();
    }
}
