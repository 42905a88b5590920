package io.lakegate.connector.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.InMemoryTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

    private static AuditEvent event(int i) {
        return AuditEvent.of(
                Instant.now(),
                "oid",
                "client",
                "demo",
                "list_catalogs",
                ArgumentsDigest.sha256(Map.of("i", i)),
                "success",
                null,
                1,
                null,
                null);
    }

    /** A sink that holds the drain thread until released, like a DynamoDB outage. */
    static final class StuckSink implements AuditSink {
        final CountDownLatch release = new CountDownLatch(1);
        final List<AuditEvent> stored = new CopyOnWriteArrayList<>();

        @Override
        public void write(List<AuditEvent> batch) throws InterruptedException {
            release.await(10, TimeUnit.SECONDS);
            stored.addAll(batch);
        }

        @Override
        public String name() {
            return "stuck";
        }
    }

    @Test
    void fullBufferDropsAndCountsInsteadOfBlocking() {
        StuckSink sink = new StuckSink();
        AuditProperties props = new AuditProperties();
        props.setBufferCapacity(10);
        props.setMaxBatch(5);
        try (InMemoryTelemetry otel = new InMemoryTelemetry()) {
            AuditTrail trail = new AuditTrail(sink, props, otel.telemetry);
            trail.start();
            long start = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 100; i++) {
                accepted += trail.record(event(i)) ? 1 : 0;
            }
            Duration spent = Duration.ofNanos(System.nanoTime() - start);

            // at most one batch in the sink's hands plus a full buffer; the rest was dropped, not waited for
            assertThat(accepted).isBetween(10, 15);
            assertThat(trail.dropped()).isEqualTo(100 - accepted);
            assertThat(spent).isLessThan(Duration.ofSeconds(5)); // generous bound: "does not block", not a benchmark
            assertThat(otel.counter("lakegate.audit.dropped", null, null)).isEqualTo(100 - accepted);

            sink.release.countDown();
            trail.stop();
            assertThat(sink.stored).hasSize(accepted);
        }
    }

    @Test
    void failingSinkIsRetriedThenCountedAsFailed() {
        int[] calls = {0};
        AuditSink broken = new AuditSink() {
            @Override
            public void write(List<AuditEvent> batch) {
                calls[0]++;
                throw new IllegalStateException("table missing");
            }

            @Override
            public String name() {
                return "broken";
            }
        };
        AuditProperties props = new AuditProperties();
        props.setWriteAttempts(2);
        try (InMemoryTelemetry otel = new InMemoryTelemetry()) {
            AuditTrail trail = new AuditTrail(broken, props, otel.telemetry);
            trail.start();
            trail.record(event(1));
            trail.stop();
            assertThat(calls[0]).isEqualTo(2);
            assertThat(trail.failed()).isEqualTo(1);
            assertThat(trail.written()).isZero();
        }
    }

    @Test
    void argumentDigestIsCanonical() {
        String a = ArgumentsDigest.sha256(Map.of("b", List.of(1, Map.of("y", 2, "x", 1)), "a", "s"));
        String b = ArgumentsDigest.sha256(
                new java.util.LinkedHashMap<>(Map.of("a", "s", "b", List.of(1, Map.of("x", 1, "y", 2)))));
        assertThat(a).isEqualTo(b).hasSize(64);
        assertThat(ArgumentsDigest.canonicalJson(Map.of("b", 1, "a", Map.of("d", true, "c", "x"))))
                .isEqualTo("{\"a\":{\"c\":\"x\",\"d\":true},\"b\":1}");
        assertThat(ArgumentsDigest.sha256(Map.of("a", "t"))).isNotEqualTo(a);
        assertThat(ArgumentsDigest.sha256(null)).isEqualTo(ArgumentsDigest.sha256(Map.of()));
    }
}
