package io.lakegate.connector.tools;

import static io.lakegate.connector.testsupport.ConnectorHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code lakegate.tools.disabled} as the operator renders it: the switched-off tools are neither listed nor callable. */
class ToolSelectionIT {

    @Test
    void disabledToolsAreNotListedAndCannotBeCalled() {
        try (DatabricksEmulator emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
                ConnectorHarness connector = ConnectorHarness.start(
                        emulator, Map.of("lakegate.tools.disabled", "proxy_to_sql,list_sql_tools"))) {
            assertThat(connector.client(ALICE).listTools().tools())
                    .extracting(Tool::name)
                    .hasSize(10)
                    .doesNotContain("proxy_to_sql", "list_sql_tools")
                    .contains("list_catalogs");
            String answer;
            try {
                var refused = connector.call(
                        ALICE,
                        "proxy_to_sql",
                        Map.of("tool_name", "execute_sql_read_only", "tool_args", Map.of("query", "SELECT 1")));
                assertThat(refused.isError()).isTrue();
                answer = ConnectorHarness.text(refused);
            } catch (McpError unknownTool) { // a call of an unregistered tool is a JSON-RPC -32602
                answer = unknownTool.getMessage();
            }
            assertThat(answer).contains("proxy_to_sql");
            assertThat(emulator.requests()).noneMatch(r -> r.path().startsWith("/api/2.0/mcp/sql"));
        }
    }
}
