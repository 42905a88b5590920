package io.lakegate.connector.resilience;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/**
 * Each user's share of this replica's tool calls, admitted or refused at once (no queue, no hang) before the call
 * costs anything upstream.
 * <ul>
 * <li>A user has at most {@code maxConcurrentPerUser} calls in flight, so one runaway agent cannot take every
 * connection to Databricks.</li>
 * <li>Fair admission: once the replica has {@code maxConcurrent} calls in flight, a user who already holds his fair
 * share of them ({@code maxConcurrent} divided by the users with calls in flight, at least one) is refused, while a
 * user below it is still admitted. So a user who floods the replica gets only what the others leave, and their calls
 * keep their latency: his excess is refused for the price of a counter, not queued ahead of them.</li>
 * </ul>
 * The counts change under one short lock (no I/O inside), which is cheaper than the per-user semaphores it replaces
 * once the share has to be judged against every other user's count.
 */
public class UserBulkheads {

    private final int maxConcurrentPerUser;
    private final int maxConcurrent;
    private final Map<String, Integer> inFlight = new HashMap<>();
    private int total;

    public UserBulkheads(DownstreamProperties.Bulkhead props) {
        this.maxConcurrentPerUser = props.getMaxConcurrentPerUser();
        this.maxConcurrent = props.getMaxConcurrent();
    }

    public <T> Mono<T> limit(String user, Mono<T> call) {
        if (user == null || (maxConcurrentPerUser <= 0 && maxConcurrent <= 0)) {
            return call;
        }
        return Mono.defer(() -> {
            ResilienceException refusal = tryAcquire(user);
            if (refusal != null) {
                return Mono.error(refusal);
            }
            AtomicBoolean released = new AtomicBoolean();
            Runnable releaseOnce = () -> {
                if (released.compareAndSet(false, true)) {
                    release(user);
                }
            };
            // released as the answer leaves the call, before it travels on: with doFinally the client had its reply
            // (and could send its next call) while the permit was still held, and was refused as over its share
            return call.doOnEach(signal -> releaseOnce.run()).doOnCancel(releaseOnce);
        });
    }

    /** Null when admitted (and counted), else the refusal. */
    private synchronized ResilienceException tryAcquire(String user) {
        int mine = inFlight.getOrDefault(user, 0);
        if (maxConcurrentPerUser > 0 && mine >= maxConcurrentPerUser) {
            return new UserConcurrencyExceededException(maxConcurrentPerUser);
        }
        if (maxConcurrent > 0 && total >= maxConcurrent) {
            int users = inFlight.size() + (mine == 0 ? 1 : 0);
            int share = Math.max(1, maxConcurrent / users);
            if (mine >= share) {
                return UserConcurrencyExceededException.overShare(mine);
            }
        }
        inFlight.put(user, mine + 1);
        total++;
        return null;
    }

    private synchronized void release(String user) {
        Integer mine = inFlight.get(user);
        if (mine == null) {
            return;
        }
        if (mine <= 1) {
            inFlight.remove(user);
        } else {
            inFlight.put(user, mine - 1);
        }
        total--;
    }

    /** Calls in flight, all users together; for tests and metrics. */
    public synchronized int inFlight() {
        return total;
    }
}
