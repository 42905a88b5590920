package io.lakegate.connector.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.connector.telemetry.TracingExchangeFilter;
import io.lakegate.connector.testsupport.InMemoryTelemetry;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.lakegate.emulator.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** The downstream filter chain against the emulator's fault knobs: retries, Retry-After, timeouts, breaker. */
class ResilientExchangeFilterTest {

    private static final String CATALOGS = "/api/2.1/unity-catalog/catalogs";
    static DatabricksEmulator emulator;
    static String token;
    InMemoryTelemetry otel;
    DownstreamProperties props;
    WorkspaceCircuitBreakers breakers;
    WebClient client;

    @BeforeAll
    static void startEmulator() {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        token = emulator.issueToken("alice@lakegate.dev");
        // warm the emulator up so the first measured call is not a cold start
        WebClient.create(emulator.baseUrl())
                .get()
                .uri(CATALOGS)
                .headers(h -> h.setBearerAuth(token))
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void setUp() {
        emulator.faults().clear();
        emulator.clearRequests();
        otel = new InMemoryTelemetry();
        props = new DownstreamProperties();
        props.setTimeout(Duration.ofSeconds(1));
        props.getRetry().setMaxAttempts(3);
        props.getRetry().setInitialBackoff(Duration.ofMillis(20));
        props.getRetry().setMaxBackoff(Duration.ofMillis(100));
        props.getRetry().setMaxRetryAfter(Duration.ofSeconds(2));
        props.getBreaker().setMinimumCalls(4);
        props.getBreaker().setSlidingWindowSize(4);
        props.getBreaker().setWaitInOpen(Duration.ofSeconds(30));
        breakers = new WorkspaceCircuitBreakers(props.getBreaker(), Clock.systemUTC(), otel.telemetry);
        client = WebClient.builder()
                .baseUrl(emulator.baseUrl())
                .filter(new ResilientExchangeFilter(props, breakers, Clock.systemUTC()))
                .filter(new TracingExchangeFilter(otel.telemetry))
                .defaultHeaders(h -> h.setBearerAuth(token))
                .build();
    }

    private Mono<Integer> get(String path) {
        return client.get()
                .uri(path)
                .attribute("lakegate.workspace", "demo")
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
    }

    private List<RecordedRequest> recorded(String path) {
        return emulator.requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void throttledReadIsRetriedAfterRetryAfterAndEveryAttemptCarriesItsOwnTraceparent() {
        emulator.faults().throttle("GET " + CATALOGS, 2, Duration.ofSeconds(1));
        long start = System.nanoTime();

        assertThat(get(CATALOGS).block(Duration.ofSeconds(10))).isEqualTo(200);

        List<RecordedRequest> calls = recorded(CATALOGS);
        assertThat(calls).extracting(RecordedRequest::status).containsExactly(429, 429, 200);
        // Retry-After: 1 s was honoured before each retry
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(calls)
                .extracting(RecordedRequest::traceparent)
                .allMatch(tp -> tp != null && tp.startsWith("00-"))
                .doesNotHaveDuplicates();
        assertThat(otel.spans.getFinishedSpanItems()).hasSize(3);
    }

    @Test
    void retryAfterLongerThanWeWaitIsReturnedToTheClientAsRetryTime() {
        emulator.faults().throttle("GET " + CATALOGS, 1, Duration.ofSeconds(60));

        assertThatThrownBy(() -> get(CATALOGS).block(Duration.ofSeconds(5)))
                .isInstanceOf(DownstreamThrottledException.class)
                .hasMessage("Workspace 'demo' is throttling requests (HTTP 429); retry after 60 s");
        assertThat(recorded(CATALOGS)).hasSize(1);
    }

    @Test
    void throttleWithoutRetryAfterFallsBackToBackoffAndSucceeds() {
        emulator.faults().throttle("GET " + CATALOGS, 1, null);

        assertThat(get(CATALOGS).block(Duration.ofSeconds(5))).isEqualTo(200);
        assertThat(recorded(CATALOGS)).extracting(RecordedRequest::status).containsExactly(429, 200);
    }

    @Test
    void writesAreNeverRetried() {
        emulator.faults().throttle("POST /api/2.0/sql/statements", 1, Duration.ofSeconds(1));

        Integer status = client.post()
                .uri("/api/2.0/sql/statements")
                .bodyValue("{}")
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
                .block(Duration.ofSeconds(5));

        assertThat(status).isEqualTo(429);
        assertThat(recorded("/api/2.0/sql/statements")).hasSize(1);
    }

    @Test
    void slowWorkspaceGivesATimeoutErrorNotAHang() {
        emulator.faults().latency("GET " + CATALOGS, Duration.ofSeconds(3));

        assertThatThrownBy(() -> get(CATALOGS).block(Duration.ofSeconds(5)))
                .isInstanceOf(DownstreamTimeoutException.class)
                .hasMessageContaining("Workspace 'demo' did not answer within 1 s");
    }

    @Test
    void failingWorkspaceOpensItsBreakerAndCallsFailFastWithRetryTime() {
        emulator.faults().errorRate("GET " + CATALOGS, 1.0, 503);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> get(CATALOGS).block(Duration.ofSeconds(5)))
                    .isInstanceOfAny(WorkspaceUnavailableException.class);
        }
        int seen = recorded(CATALOGS).size();
        assertThat(seen).isBetween(4, 6); // 3 attempts, then the breaker opened on the 4th failure

        assertThatThrownBy(() -> get(CATALOGS).block(Duration.ofSeconds(1)))
                .isInstanceOf(WorkspaceUnavailableException.class)
                .hasMessageMatching(
                        "Workspace 'demo' is failing \\(circuit open after repeated errors\\); retry after (29|30) s");
        assertThat(recorded(CATALOGS)).hasSize(seen); // refused without calling Databricks
        assertThat(breakers.forWorkspace("demo").getState().name()).isEqualTo("OPEN");
        // a different workspace is not affected
        assertThat(breakers.forWorkspace("other").getState().name()).isEqualTo("CLOSED");
        assertThat(otel.counter("lakegate.breaker.transitions", "lakegate.breaker.state", "OPEN"))
                .isEqualTo(1);
    }

    /**
     * Like the managed-MCP client, whose inner filter turns a refused POST into a {@code DatabricksApiException} inside
     * the breaker: one user's client errors (unknown Genie space, forbidden, bad argument, expired token) are ignored
     * by the shared breaker, and do not hide real failures either.
     */
    @Test
    void clientErrorsNeitherOpenTheBreakerNorDiluteRealFailures() {
        WebClient mcpLike = WebClient.builder()
                .baseUrl(emulator.baseUrl())
                .filter(new ResilientExchangeFilter(props, breakers, Clock.systemUTC()))
                .filter((request, next) -> next.exchange(request)
                        .flatMap(response -> response.statusCode().isError()
                                ? response.bodyToMono(String.class)
                                        .defaultIfEmpty("")
                                        .flatMap(body -> Mono.error(
                                                io.lakegate.connector.databricks.DatabricksErrors.fromResponse(
                                                        response.statusCode().value(), null, body)))
                                : Mono.just(response)))
                .defaultHeaders(h -> h.setBearerAuth(token))
                .build();
        java.util.function.Supplier<Mono<Integer>> unknownSpace = () -> mcpLike.post()
                .uri("/api/2.0/mcp/genie/" + "0".repeat(32))
                .attribute("lakegate.workspace", "demo")
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
        emulator.faults()
                .errorRate("GET /api/2.0/sql/warehouses", 1.0, 403)
                .errorRate("POST /api/2.0/mcp/sql", 1.0, 400);
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> unknownSpace.get().block(Duration.ofSeconds(5)))
                    .isInstanceOf(io.lakegate.connector.databricks.DatabricksApiException.class)
                    .hasMessageContaining("Endpoint not found");
            assertThat(get("/api/2.0/sql/warehouses").block(Duration.ofSeconds(5)))
                    .isEqualTo(403);
        }
        assertThat(breakers.forWorkspace("demo").getState().name()).isEqualTo("CLOSED");
        assertThat(breakers.forWorkspace("demo").getMetrics().getNumberOfFailedCalls())
                .isZero();
        assertThat(otel.counter("lakegate.breaker.transitions", "lakegate.breaker.state", "OPEN"))
                .isZero();

        // interleaved with those quick 4xx answers, a failing workspace still opens the breaker
        emulator.faults().clear().errorRate("GET " + CATALOGS, 1.0, 503);
        for (int i = 0; i < 3 && breakers.forWorkspace("demo").getState().name().equals("CLOSED"); i++) {
            assertThatThrownBy(() -> unknownSpace.get().block(Duration.ofSeconds(5)))
                    .isInstanceOf(io.lakegate.connector.databricks.DatabricksApiException.class);
            assertThatThrownBy(() -> get(CATALOGS).block(Duration.ofSeconds(5)))
                    .isInstanceOf(WorkspaceUnavailableException.class);
        }
        assertThat(breakers.forWorkspace("demo").getState().name()).isEqualTo("OPEN");
    }

    @Test
    void workspaceFailuresAreTheWorkspacesOnly() {
        assertThat(WorkspaceCircuitBreakers.isWorkspaceFailure(
                        new io.lakegate.connector.databricks.DatabricksApiException(
                                503, "TEMPORARILY_UNAVAILABLE", "x", null)))
                .isTrue();
        assertThat(WorkspaceCircuitBreakers.isWorkspaceFailure(
                        new DownstreamTimeoutException("Workspace 'demo'", Duration.ofSeconds(1))))
                .isTrue();
        assertThat(WorkspaceCircuitBreakers.isWorkspaceFailure(new java.io.IOException("connection reset")))
                .isTrue();
        for (int status : new int[] {400, 401, 403, 404, 409, 429, 501}) {
            assertThat(WorkspaceCircuitBreakers.isWorkspaceFailure(
                            new io.lakegate.connector.databricks.DatabricksApiException(status, "X", "x", null)))
                    .as("HTTP %d", status)
                    .isFalse();
        }
        assertThat(WorkspaceCircuitBreakers.isWorkspaceFailure(new IllegalStateException(
                        "wrapped",
                        new io.lakegate.connector.databricks.DatabricksApiException(
                                404, "ENDPOINT_NOT_FOUND", "x", null))))
                .isFalse();
        assertThat(WorkspaceCircuitBreakers.isWorkspaceFailure(UpstreamStatusException.of(429, null)))
                .isFalse();
        assertThat(WorkspaceCircuitBreakers.isWorkspaceFailure(UpstreamStatusException.of(502, null)))
                .isTrue();
    }

    @Test
    void clientErrorsPassThroughUntouched() {
        Integer status = get("/api/2.1/unity-catalog/catalogs/does_not_exist").block(Duration.ofSeconds(5));
        assertThat(HttpStatusCode.valueOf(status).is4xxClientError()).isTrue();
        assertThat(recorded("/api/2.1/unity-catalog/catalogs/does_not_exist")).hasSize(1);
    }
}
