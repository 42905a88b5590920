package io.lakegate.connector.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.opentelemetry.api.common.Attributes;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * One circuit breaker per workspace. A workspace answering 5xx, timing out or refusing connections trips its own
 * breaker only; while open, calls fail at once with "workspace X is failing, retry after N s" instead of piling up.
 * 429 is throttling, not failure: it is retried and never trips the breaker.
 * <p>
 * The breaker is shared by every user of the workspace, so it counts only what says something about the workspace's
 * health ({@link #isWorkspaceFailure}). A client error (4xx: unknown Genie space, bad argument, permission denied, an
 * expired token) is one user's problem: it is ignored, neither failure nor success, so one user's bad calls can neither
 * open the breaker for everyone nor hide real failures behind a stream of quick answers. Those calls are bounded per
 * user instead (user rate limit and bulkhead).
 */
public class WorkspaceCircuitBreakers {

    private final CircuitBreakerConfig config;
    private final Duration waitInOpen;
    private final Clock clock;
    private final LakegateTelemetry telemetry;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();

    public WorkspaceCircuitBreakers(DownstreamProperties.Breaker props, Clock clock, LakegateTelemetry telemetry) {
        this.waitInOpen = props.getWaitInOpen();
        this.clock = clock;
        this.telemetry = telemetry;
        this.config = CircuitBreakerConfig.custom()
                .failureRateThreshold(props.getFailureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(props.getSlidingWindowSize())
                .minimumNumberOfCalls(props.getMinimumCalls())
                .waitDurationInOpenState(props.getWaitInOpen())
                .permittedNumberOfCallsInHalfOpenState(props.getPermittedCallsInHalfOpen())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                // a 501 is an unsupported call, not an unhealthy workspace: the same rule for answers and exceptions
                .recordResult(r -> r instanceof ClientResponse response
                        && response.statusCode().is5xxServerError()
                        && response.statusCode().value() != 501)
                .ignoreException(e -> !isWorkspaceFailure(e))
                .build();
        telemetry.gauge(
                "lakegate.breaker.state",
                "Circuit breaker state per workspace: 0 closed, 1 open, 2 half-open",
                m -> breakers.forEach(
                        (ws, b) -> m.record(code(b.getState()), Attributes.of(LakegateTelemetry.WORKSPACE, ws))));
    }

    /**
     * Whether {@code error} (or a cause of it) means the workspace itself is unwell: a 5xx answer (except 501, a
     * request the server does not implement), a timeout, a refused or broken connection. Throttling (429) and every
     * other 4xx are not: they are answers about one caller's request.
     */
    static boolean isWorkspaceFailure(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < 16; t = t.getCause()) {
            if (t instanceof UpstreamStatusException.Throttled || t instanceof DownstreamThrottledException) {
                return false;
            }
            if (t instanceof UpstreamStatusException
                    || t instanceof DownstreamTimeoutException
                    || t instanceof TimeoutException
                    || t instanceof WebClientRequestException
                    || t instanceof IOException) {
                return true;
            }
            if (t instanceof DatabricksApiException d) {
                return d.status() >= 500 && d.status() != 501;
            }
        }
        return false;
    }

    public CircuitBreaker forWorkspace(String workspace) {
        return breakers.computeIfAbsent(workspace, this::create);
    }

    /** The client-facing error while the breaker of {@code workspace} refuses calls. */
    public WorkspaceUnavailableException unavailable(String workspace, CallNotPermittedException cause) {
        Instant opened = openedAt.get(workspace);
        Duration left = opened == null ? waitInOpen : waitInOpen.minus(Duration.between(opened, clock.instant()));
        if (left.isNegative() || left.isZero()) {
            left = Duration.ofSeconds(1);
        }
        return new WorkspaceUnavailableException(workspace, "circuit open after repeated errors", left);
    }

    private CircuitBreaker create(String workspace) {
        CircuitBreaker breaker = CircuitBreaker.of(workspace, config);
        breaker.getEventPublisher().onStateTransition(e -> {
            CircuitBreaker.State to = e.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                openedAt.put(workspace, clock.instant());
            }
            telemetry.breakerTransition(workspace, to.name());
        });
        return breaker;
    }

    private static long code(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }
}
