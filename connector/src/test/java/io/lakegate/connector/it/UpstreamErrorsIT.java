package io.lakegate.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Databricks failures (emulator fault knobs) become isError results with a useful message, never a trace. */
class UpstreamErrorsIT extends ConnectorIntegrationTest {

    @Test
    void unavailableUnityCatalogIsAnUpstreamError() {
        emulator().faults().errorRate("GET /api/2.1/unity-catalog/*", 1.0, 503);
        String text = error(BOB, "list_schemas", Map.of("catalog_name", "sales"));
        // idempotent reads are retried (lakegate.downstream.retry); when every attempt fails the client is told when to
        // retry
        assertThat(text)
                .startsWith("UPSTREAM_ERROR: Workspace 'demo' is failing (HTTP 503 after 3 attempts); retry after")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void throttlingSurfacesRetryAfter() {
        // a Retry-After longer than lakegate.downstream.retry.max-retry-after is not waited for: the client gets it
        emulator().faults().throttle("GET /api/2.0/sql/warehouses", 1, Duration.ofSeconds(30));
        String text = error(BOB, "list_sql_warehouses", Map.of());
        assertThat(text)
                .isEqualTo("RATE_LIMITED: Workspace 'demo' is throttling requests (HTTP 429); retry after 30 s");
        // the throttle was for one call only
        assertThat(ok(BOB, "list_sql_warehouses", Map.of()).path("warehouses").size())
                .isPositive();
    }

    @Test
    void unreachableOrSlowWorkspaceNeverLeaksInternals() {
        emulator().faults().errorRate("GET /api/2.1/unity-catalog/tables/*", 1.0, 500);
        String text = error(BOB, "get_table", Map.of("full_name", "sales.orders.orders"));
        assertThat(text).startsWith("UPSTREAM_ERROR:").contains("HTTP 500").doesNotContain("Bearer");
    }
}
