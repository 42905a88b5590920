package io.lakegate.connector.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.lakegate.connector.telemetry.DownstreamTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Resilience of every call to a Databricks workspace, as a WebClient filter: per-attempt timeout (headers, then the
 * longest silence between body chunks), a circuit breaker per workspace, and retries with exponential backoff and
 * jitter for idempotent reads only, honouring {@code Retry-After} (seconds or HTTP-date). Non-idempotent calls
 * (POST statement execution, MCP tool calls) are never retried; their response goes back to the caller as is.
 */
public class ResilientExchangeFilter implements ExchangeFilterFunction {

    /** Request attribute: {@code true} marks a non-GET request as safe to repeat (e.g. a POST that only reads). */
    public static final String IDEMPOTENT_ATTRIBUTE = "lakegate.idempotent";

    private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);

    private final DownstreamProperties props;
    private final WorkspaceCircuitBreakers breakers;
    private final Clock clock;

    public ResilientExchangeFilter(DownstreamProperties props, WorkspaceCircuitBreakers breakers, Clock clock) {
        this.props = props;
        this.breakers = breakers;
        this.clock = clock;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.deferContextual(reactorContext -> {
            String workspace = DownstreamTarget.workspaceOf(request, reactorContext);
            boolean idempotent = isIdempotent(request);
            boolean stream = isEventStreamSubscription(request);
            CircuitBreaker breaker = breakers.forWorkspace(workspace);
            Mono<ClientResponse> attempt = Mono.defer(() -> next.exchange(request))
                    .timeout(props.getTimeout())
                    .onErrorMap(
                            TimeoutException.class,
                            e -> new DownstreamTimeoutException("Workspace '" + workspace + "'", props.getTimeout()))
                    .flatMap(response -> idempotent ? failOnRetryableStatus(response) : Mono.just(response))
                    .map(response -> stream ? response : withBodyIdleTimeout(response, workspace))
                    .transformDeferred(CircuitBreakerOperator.of(breaker))
                    .onErrorMap(CallNotPermittedException.class, e -> breakers.unavailable(workspace, e));
            if (!idempotent) {
                return attempt;
            }
            return attempt.retryWhen(retry(workspace))
                    .onErrorMap(UpstreamStatusException.class, e -> exhausted(workspace, e));
        });
    }

    private Mono<ClientResponse> failOnRetryableStatus(ClientResponse response) {
        int status = response.statusCode().value();
        if (!RETRYABLE.contains(status)) {
            return Mono.just(response);
        }
        Duration retryAfter = RetryAfter.parse(
                        response.headers().asHttpHeaders().getFirst("Retry-After"), clock)
                .orElse(null);
        // the body of a retried answer is never read: release the connection before trying again
        return response.releaseBody().then(Mono.error(UpstreamStatusException.of(status, retryAfter)));
    }

    private ClientResponse withBodyIdleTimeout(ClientResponse response, String workspace) {
        Duration timeout = props.getTimeout();
        return response.mutate()
                .body(body -> body.timeout(timeout)
                        .onErrorMap(
                                TimeoutException.class,
                                e -> new DownstreamTimeoutException("Workspace '" + workspace + "'", timeout)))
                .build();
    }

    private Retry retry(String workspace) {
        DownstreamProperties.Retry r = props.getRetry();
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            long attempt = signal.totalRetries() + 1; // attempts made so far
            if (attempt >= r.getMaxAttempts() || !retryable(failure)) {
                return Mono.error(failure);
            }
            Duration backoff = jitter(exponential(r, attempt));
            if (failure instanceof UpstreamStatusException status && status.retryAfter != null) {
                if (status.retryAfter.compareTo(r.getMaxRetryAfter()) > 0) {
                    return Mono.error(failure); // too long to hold the caller: tell it when instead
                }
                backoff = backoff.compareTo(status.retryAfter) > 0 ? backoff : status.retryAfter;
            }
            return Mono.delay(backoff);
        }));
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof UpstreamStatusException || failure instanceof WebClientRequestException;
    }

    private static Duration exponential(DownstreamProperties.Retry r, long attempt) {
        long millis = r.getInitialBackoff().toMillis() << Math.min(20, attempt - 1);
        return Duration.ofMillis(Math.min(millis, r.getMaxBackoff().toMillis()));
    }

    /** "Equal jitter": half the backoff fixed, half random, so synchronized clients spread out. */
    private static Duration jitter(Duration backoff) {
        long half = backoff.toMillis() / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private ResilienceException exhausted(String workspace, UpstreamStatusException e) {
        Duration retryAfter = e.retryAfter().orElse(props.getRetry().getMaxBackoff());
        if (e instanceof UpstreamStatusException.Throttled) {
            return new DownstreamThrottledException(workspace, retryAfter);
        }
        return new WorkspaceUnavailableException(
                workspace,
                "HTTP " + e.status + " after " + props.getRetry().getMaxAttempts() + " attempts",
                retryAfter);
    }

    private static boolean isIdempotent(ClientRequest request) {
        Object marked = request.attribute(IDEMPOTENT_ATTRIBUTE).orElse(null);
        if (marked != null) {
            return Boolean.TRUE.equals(marked) || "true".equals(marked);
        }
        HttpMethod m = request.method();
        return HttpMethod.GET.equals(m) || HttpMethod.HEAD.equals(m) || HttpMethod.OPTIONS.equals(m);
    }

    /** The long-lived SSE GET of an MCP client stream: silence there is normal, so no idle timeout. */
    private static boolean isEventStreamSubscription(ClientRequest request) {
        return HttpMethod.GET.equals(request.method())
                && request.headers().getAccept().contains(MediaType.TEXT_EVENT_STREAM);
    }
}
