package io.lakegate.connector.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lakegate.downstream.*}: timeouts, retries, circuit breakers and bulkheads for Databricks (the identity
 * provider's timeout is {@code lakegate.auth.exchange.timeout}).
 */
@ConfigurationProperties("lakegate.downstream")
public class DownstreamProperties {

    /** Time to the response headers of one Databricks call, and the longest pause between two body chunks. */
    private Duration timeout = Duration.ofSeconds(30);

    private final Retry retry = new Retry();
    private final Breaker breaker = new Breaker();
    private final Bulkhead bulkhead = new Bulkhead();
    private final Pacing pacing = new Pacing();

    /** Retries of idempotent reads only (GET/HEAD, or a request marked idempotent). */
    public static class Retry {
        /** Attempts in total, the first included. */
        private int maxAttempts = 3;

        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        /** A Retry-After longer than this is not waited for: the client gets the error and the time to retry. */
        private Duration maxRetryAfter = Duration.ofSeconds(10);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Duration getMaxRetryAfter() {
            return maxRetryAfter;
        }

        public void setMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }
    }

    /** One circuit breaker per workspace, counting 5xx answers, timeouts and connection failures. */
    public static class Breaker {
        private float failureRateThreshold = 50;
        private int slidingWindowSize = 20;
        private int minimumCalls = 10;
        private Duration waitInOpen = Duration.ofSeconds(30);
        /**
         * Trial calls while half-open. One managed-MCP operation is several HTTP calls (initialize, the initialized
         * notification, the optional GET stream, the request, the session's DELETE), so 3 would refuse the first
         * operation after an outage half-way through.
         */
        private int permittedCallsInHalfOpen = 10;

        public float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(float v) {
            this.failureRateThreshold = v;
        }

        public int getSlidingWindowSize() {
            return slidingWindowSize;
        }

        public void setSlidingWindowSize(int v) {
            this.slidingWindowSize = v;
        }

        public int getMinimumCalls() {
            return minimumCalls;
        }

        public void setMinimumCalls(int v) {
            this.minimumCalls = v;
        }

        public Duration getWaitInOpen() {
            return waitInOpen;
        }

        public void setWaitInOpen(Duration v) {
            this.waitInOpen = v;
        }

        public int getPermittedCallsInHalfOpen() {
            return permittedCallsInHalfOpen;
        }

        public void setPermittedCallsInHalfOpen(int v) {
            this.permittedCallsInHalfOpen = v;
        }
    }

    /** Concurrent tool calls on this replica: one user's cap, and the load from which each user gets a fair share. */
    public static class Bulkhead {
        /** Tool calls one user may have in flight; one more is refused at once. */
        private int maxConcurrentPerUser = 8;
        /**
         * Tool calls in flight from which admission turns fair: a user holding {@code maxConcurrent / active users}
         * (at least 1) is refused, a user below that share still admitted. 0 turns fair admission off. Not a cap on
         * the replica's total: a user with nothing in flight is always admitted, so a new user never waits for others.
         */
        private int maxConcurrent = 16;

        public int getMaxConcurrentPerUser() {
            return maxConcurrentPerUser;
        }

        public void setMaxConcurrentPerUser(int v) {
            this.maxConcurrentPerUser = v;
        }

        public int getMaxConcurrent() {
            return maxConcurrent;
        }

        public void setMaxConcurrent(int v) {
            this.maxConcurrent = v;
        }
    }

    /**
     * Slowing down a user whose calls keep failing through his own fault ({@link UserPacing}): after {@code burst}
     * such failures in a row, at most {@code faultsPerSecond} more per second; 0 turns it off.
     */
    public static class Pacing {
        private double faultsPerSecond = 5;
        private int burst = 10;
        /** The longest a call waits for its turn; one that would wait longer is held this long and refused. */
        private Duration maxWait = Duration.ofSeconds(2);

        public double getFaultsPerSecond() {
            return faultsPerSecond;
        }

        public void setFaultsPerSecond(double v) {
            this.faultsPerSecond = v;
        }

        public int getBurst() {
            return burst;
        }

        public void setBurst(int v) {
            this.burst = v;
        }

        public Duration getMaxWait() {
            return maxWait;
        }

        public void setMaxWait(Duration v) {
            this.maxWait = v;
        }
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Retry getRetry() {
        return retry;
    }

    public Breaker getBreaker() {
        return breaker;
    }

    public Bulkhead getBulkhead() {
        return bulkhead;
    }

    public Pacing getPacing() {
        return pacing;
    }
}
