package io.lakegate.connector.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.connector.testsupport.InMemoryTelemetry;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ReadDeduplicatorTest {

    private static final String TABLES = "/api/2.1/unity-catalog/catalogs";
    static DatabricksEmulator emulator;
    static WebClient alice;

    @BeforeAll
    static void start() {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        String token = emulator.issueToken("alice@lakegate.dev");
        alice = WebClient.builder()
                .baseUrl(emulator.baseUrl())
                .defaultHeaders(h -> h.setBearerAuth(token))
                .build();
        listCatalogs().block(Duration.ofSeconds(30)); // warm-up
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Mono<String> listCatalogs() {
        return alice.get().uri(TABLES).retrieve().bodyToMono(String.class);
    }

    private static long upstreamCalls() {
        return emulator.requests().stream().filter(r -> r.path().equals(TABLES)).count();
    }

    @Test
    void pollingAgentCostsOneUpstreamCallPerTtlWindow() {
        emulator.clearRequests();
        emulator.faults().clear().latency("GET " + TABLES, Duration.ofMillis(50));
        try (InMemoryTelemetry otel = new InMemoryTelemetry()) {
            DedupProperties props = new DedupProperties();
            props.setTtl(Duration.ofMillis(400));
            ReadDeduplicator dedup = new ReadDeduplicator(props, otel.telemetry);
            DedupKey key = new DedupKey("alice", "demo", "list_catalogs", "digest-of-same-args");

            // a polling agent: 60 identical calls, one every 20 ms, for about 1.2 s, with 3 overlapping bursts
            int polls = 60;
            long start = System.nanoTime();
            List<String> answers = Flux.interval(Duration.ofMillis(20))
                    .take(polls)
                    .flatMap(i -> dedup.dedup(key, listCatalogs()))
                    .collectList()
                    .block(Duration.ofSeconds(20));
            double seconds = (System.nanoTime() - start) / 1e9;

            long upstream = upstreamCalls();
            assertThat(answers).hasSize(polls).allMatch(a -> a.contains("catalogs"));
            // without dedup: 60 calls; with a 400 ms TTL over ~1.2 s: about one call per TTL window (how many
            // windows the loop spans depends on the machine, so only the order of magnitude is asserted)
            assertThat(upstream).isBetween(1L, 10L);
            assertThat(dedup.upstreamCalls()).isEqualTo(upstream);
            long hits = otel.counter("lakegate.dedup.lookups", "lakegate.dedup.result", "hit");
            long shared = otel.counter("lakegate.dedup.lookups", "lakegate.dedup.result", "shared");
            assertThat(hits + shared).isEqualTo(polls - upstream);
            System.out.printf(
                    "dedup: %d polls in %.1f s -> %d upstream calls (%d cache hits, %d shared in flight), hit ratio %.2f%n",
                    polls, seconds, upstream, hits, shared, dedup.hitRatio());
        }
    }

    @Test
    void concurrentIdenticalCallsShareOneUpstreamCallAndDifferentUsersDoNot() {
        emulator.clearRequests();
        emulator.faults().clear().latency("GET " + TABLES, Duration.ofMillis(200));
        try (InMemoryTelemetry otel = new InMemoryTelemetry()) {
            ReadDeduplicator dedup = new ReadDeduplicator(new DedupProperties(), otel.telemetry);
            DedupKey alicesKey = new DedupKey("alice", "demo", "list_catalogs", "d");
            DedupKey bobsKey = new DedupKey("bob", "demo", "list_catalogs", "d");

            List<String> answers = Flux.range(0, 20)
                    .flatMap(i -> dedup.dedup(i % 2 == 0 ? alicesKey : bobsKey, listCatalogs()))
                    .collectList()
                    .block(Duration.ofSeconds(10));

            assertThat(answers).hasSize(20);
            assertThat(upstreamCalls()).isEqualTo(2);
        }
    }

    @Test
    void failuresAreNotCachedSoTheNextCallRetries() {
        emulator.faults().clear();
        try (InMemoryTelemetry otel = new InMemoryTelemetry()) {
            ReadDeduplicator dedup = new ReadDeduplicator(new DedupProperties(), otel.telemetry);
            DedupKey key = new DedupKey("alice", "demo", "t", "d");
            AtomicInteger attempts = new AtomicInteger();
            Mono<String> flaky = Mono.defer(() ->
                    attempts.incrementAndGet() == 1 ? Mono.error(new IllegalStateException("boom")) : Mono.just("ok"));

            assertThatThrownBy(() -> dedup.dedup(key, flaky).block()).hasMessageContaining("boom");
            assertThat(dedup.dedup(key, flaky).block()).isEqualTo("ok");
            assertThat(dedup.dedup(key, flaky).block()).isEqualTo("ok");
            assertThat(attempts).hasValue(2);
        }
    }

    @Test
    void anInFlightOnlyCallIsSharedWhileItRunsAndNeverReusedAfter() {
        emulator.clearRequests();
        emulator.faults().clear().latency("GET " + TABLES, Duration.ofMillis(200));
        try (InMemoryTelemetry otel = new InMemoryTelemetry()) {
            ReadDeduplicator dedup = new ReadDeduplicator(new DedupProperties(), otel.telemetry);
            DedupKey key = new DedupKey("alice", "demo", "proxy_to_genie", "poll");

            List<String> concurrent = Flux.range(0, 10)
                    .flatMap(i -> dedup.dedup(key, listCatalogs(), false))
                    .collectList()
                    .block(Duration.ofSeconds(10));
            assertThat(concurrent).hasSize(10);
            assertThat(upstreamCalls())
                    .as("ten concurrent polls, one upstream call")
                    .isEqualTo(1);

            for (int i = 0; i < 3; i++) {
                dedup.dedup(key, listCatalogs(), false).block(Duration.ofSeconds(10));
            }
            assertThat(upstreamCalls())
                    .as("each poll after the shared one finished goes upstream")
                    .isEqualTo(4);
        } finally {
            emulator.faults().clear();
        }
    }
}
