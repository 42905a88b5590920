package io.lakegate.connector.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.opentelemetry.api.common.Attributes;

import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * One circuit breaker per workspace. A workspace answering 5xx, timing out or refusing connections trips its own
 * breaker only; while open, calls fail at once with "workspace X is failing, retry after N s" instead of piling up.
 * 429 is throttling, not failure: it is retried and never trips the breaker.
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
                .recordResult(r -> r instanceof ClientResponse response && response.statusCode().is5xxServerError())
                .ignoreExceptions(DownstreamThrottledException.class, UpstreamStatusException.Throttled.class)
                .build();
        telemetry.gauge("lakegate.breaker.state", "Circuit breaker state per workspace: 0 closed, 1 open, 2 half-open",
                m -> breakers.forEach((ws, b) -> m.record(code(b.getState()),
                        Attributes.of(LakegateTelemetry.WORKSPACE, ws))));
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
