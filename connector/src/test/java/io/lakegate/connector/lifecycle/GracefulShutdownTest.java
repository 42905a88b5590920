package io.lakegate.connector.lifecycle;

import static io.lakegate.connector.testsupport.ConnectorHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code server.shutdown=graceful}: a tool call in flight when the connector is told to stop (SIGTERM on a pod
 * rollout) still gets its answer, and its audit event is written before the process ends.
 */
class GracefulShutdownTest {

    @Test
    void inFlightCallFinishesAndIsAuditedWhenTheConnectorStops() throws Exception {
        try (DatabricksEmulator emulator = DatabricksEmulator.start(EmulatorConfig.defaults())) {
            ConnectorHarness connector = ConnectorHarness.start(emulator, Map.of("lakegate.dedup.enabled", false));
            try {
                connector.client(ALICE); // session open before the slow call
                emulator.faults().latency("GET /api/2.1/unity-catalog/catalogs", Duration.ofSeconds(3));
                CompletableFuture<CallToolResult> inFlight =
                        CompletableFuture.supplyAsync(() -> connector.call(ALICE, "list_catalogs", Map.of()));
                Thread.sleep(700); // the call is now held at the emulator, well inside its 3 s
                assertThat(inFlight).isNotDone();
                connector.context.close(); // what SIGTERM does to a Boot app; returns once drained

                CallToolResult result = inFlight.get(10, TimeUnit.SECONDS);
                assertThat(result.isError()).as(ConnectorHarness.text(result)).isFalse();
                assertThat(ConnectorHarness.text(result)).contains("sales");
                assertThat(connector.audit.events)
                        .anyMatch(e ->
                                e.tool().equals("list_catalogs") && e.outcome().equals("success"));
            } finally {
                connector.close();
            }
        }
    }
}
