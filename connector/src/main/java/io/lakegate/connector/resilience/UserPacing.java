package io.lakegate.connector.resilience;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slows down a user whose calls keep failing through his own fault (unknown objects, denied access, refusals of his
 * own limits), and only him. A refusal answered at once is no defence against an agent that ignores Retry-After: it
 * sends again at once and each refusal still costs the replica a request's CPU, which the other users' calls share on
 * a small pod. So after a burst of such failures his next calls wait before they run, on a timer that costs nothing,
 * which caps the rate at which he can cost the replica anything; calls that would wait longer than the longest wait
 * are held for that long and then refused with the time left as Retry-After.
 *
 * <p>The budget is a generic cell rate algorithm per user: each failure moves his theoretical arrival time on by one
 * interval; a call waits for as long as that time is more than the burst ahead of now, and a call that waits takes
 * the next interval itself. Successful calls within the budget cost nothing.
 */
public class UserPacing {

    private final long intervalNanos;
    private final long toleranceNanos;
    private final long maxWaitNanos;
    private final Ticker ticker;
    private final Cache<String, AtomicLong> arrivals;

    public UserPacing(DownstreamProperties.Pacing props, Ticker ticker) {
        this.intervalNanos = props.getFaultsPerSecond() <= 0 ? 0 : (long) (1e9 / props.getFaultsPerSecond());
        this.toleranceNanos = intervalNanos * Math.max(0, props.getBurst());
        this.maxWaitNanos = props.getMaxWait().toNanos();
        this.ticker = ticker;
        // an entry outlives its budget: once the theoretical arrival time is in the past it changes nothing
        this.arrivals = Caffeine.newBuilder()
                .expireAfterAccess(
                        Duration.ofNanos(toleranceNanos + maxWaitNanos).plusMinutes(1))
                .maximumSize(100_000)
                .ticker(ticker)
                .build();
    }

    /** Whether pacing is on; off when no fault rate is configured. */
    public boolean enabled() {
        return intervalNanos > 0;
    }

    /**
     * Admits one call of this user: zero within his budget; otherwise how long it waits, its turn reserved (so calls
     * sent together are spread one interval apart, not woken together, and the call is paid for whatever its
     * outcome); or, when that would be longer than the longest wait, a wait {@link #tooLong} and nothing reserved.
     */
    public Duration admit(String user) {
        if (!enabled() || user == null) {
            return Duration.ZERO;
        }
        AtomicLong arrival = arrivals.getIfPresent(user);
        if (arrival == null) {
            return Duration.ZERO;
        }
        long now = ticker.read();
        while (true) {
            long current = arrival.get();
            long wait = Math.max(current, now) - toleranceNanos - now;
            if (wait <= 0) {
                return Duration.ZERO;
            }
            if (wait > maxWaitNanos) {
                return Duration.ofNanos(wait);
            }
            if (arrival.compareAndSet(current, Math.max(current, now) + intervalNanos)) {
                return Duration.ofNanos(wait);
            }
        }
    }

    /** Whether a call that would wait {@code wait} is held for {@link #maxWait()} and refused instead. */
    public boolean tooLong(Duration wait) {
        return wait.toNanos() > maxWaitNanos;
    }

    public Duration maxWait() {
        return Duration.ofNanos(maxWaitNanos);
    }

    /** One call of this user, admitted within his budget, failed through his own fault. */
    public void charge(String user) {
        if (!enabled() || user == null) {
            return;
        }
        long now = ticker.read();
        arrivals.get(user, u -> new AtomicLong(now)).updateAndGet(t -> Math.max(t, now) + intervalNanos);
    }

    /** Refusal of a call that would have waited longer than the longest wait. */
    public static ResilienceException refusal(Duration wait) {
        return new UserPacedException(wait);
    }

    static final class UserPacedException extends ResilienceException {
        UserPacedException(Duration wait) {
            super(
                    "RATE_LIMITED",
                    "Too many failed calls from this user in a short time (unknown objects, denied access or refused"
                            + " calls); his calls are slowed down. Retry after %d s".formatted(wholeSeconds(wait)),
                    wait);
        }
    }
}
