package io.lakegate.e2e.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.e2e.support.BearerProxy;
import io.lakegate.e2e.support.ConnectorProcess;
import io.lakegate.e2e.support.ExternalCommand;
import io.lakegate.e2e.support.NodeTools;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party MCP clients from npm against the connector jar running as a real process: the official conformance
 * suite's generic server scenarios and MCP Inspector's CLI. The connector runs in its explicit local-development
 * identity mode, with an emulator-issued token as the bearer.
 */
class RealMcpClientsTest {

    /** The conformance suite's scenarios that apply to any server (the others need the "everything" fixtures). */
    static final List<String> GENERIC_SCENARIOS = List.of("server-initialize", "ping", "tools-list", "resources-list",
            "prompts-list", "logging-set-level", "server-sse-multiple-streams", "dns-rebinding-protection");

    static final List<String> ALL_TOOLS = List.of("list_genie_spaces", "list_sql_warehouses", "list_catalogs",
            "list_schemas", "list_tables", "get_table", "search_tables", "list_genie_tools", "proxy_to_genie",
            "list_sql_tools", "proxy_to_sql", "proxy_to_genie_one");

    @TempDir
    static Path work;

    static DatabricksEmulator emulator;
    static ConnectorProcess connector;
    static String aliceToken;

    @BeforeAll
    static void startSystem() throws Exception {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        aliceToken = emulator.issueToken("alice@lakegate.dev");
        Path registry = work.resolve("workspaces.json");
        Files.writeString(registry, """
                {"workspaces":[{"name":"demo","host":"%s","cloud":"azure","identity":{"mode":"dev-token"}}]}
                """.formatted(emulator.baseUrl()));
        connector = ConnectorProcess.start(Map.of(
                "LAKEGATE_WORKSPACES_FILE", registry.toString(),
                "LAKEGATE_AUTH_MODE", "dev-emulator-token"), List.of(), work);
    }

    @AfterAll
    static void stopSystem() {
        if (connector != null) {
            connector.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void conformanceGenericServerScenariosAllPass() {
        List<String> failed = new ArrayList<>();
        try (BearerProxy proxy = BearerProxy.start(connector.baseUrl(), aliceToken, work)) {
            for (String scenario : GENERIC_SCENARIOS) {
                ExternalCommand.Result result = NodeTools.npx(NodeTools.CONFORMANCE, "conformance",
                        List.of("server", "--url", proxy.origin() + "/mcp", "--scenario", scenario),
                        work, Duration.ofMinutes(4));
                if (!result.succeeded()) {
                    failed.add(scenario);
                    System.out.println("conformance " + scenario + " FAILED:\n" + result.output());
                }
            }
        }
        System.out.printf("conformance: %d passed, %d failed%n", GENERIC_SCENARIOS.size() - failed.size(), failed.size());
        assertThat(failed).as("failed conformance scenarios").isEmpty();
    }

    /**
     * The 2026-07-28 requirement list's server scenarios that apply to a server with its own tools (the others call
     * the suite's fixture tools, resources and prompts: test_simple_text, test://static-text, ...), at the 2026-07-28
     * wire (stateless, per-request _meta).
     */
    static final List<String> STATELESS_SCENARIOS = List.of("tools-list", "resources-list", "prompts-list",
            "server-sse-multiple-streams", "caching", "http-header-validation", "sep-2164-resource-not-found",
            "dns-rebinding-protection");

    @Test
    void conformance2026ScenariosPassAndServerStatelessFailsOnlyWhereItNeedsFixtureTools() {
        List<String> failed = new ArrayList<>();
        try (BearerProxy proxy = BearerProxy.start(connector.baseUrl(), aliceToken, work)) {
            for (String scenario : STATELESS_SCENARIOS) {
                ExternalCommand.Result result = NodeTools.npx(NodeTools.CONFORMANCE_2026, "conformance",
                        List.of("server", "--url", proxy.origin() + "/mcp", "--scenario", scenario,
                                "--spec-version", "2026-07-28"), work, Duration.ofMinutes(4));
                if (!result.succeeded()) {
                    failed.add(scenario);
                    System.out.println("conformance 2026-07-28 " + scenario + " FAILED:\n" + result.output());
                }
            }
            // server-stateless: 25 checks; 4 of them call diagnostic tools only the suite's fixture server has
            ExternalCommand.Result stateless = NodeTools.npx(NodeTools.CONFORMANCE_2026, "conformance",
                    List.of("server", "--url", proxy.origin() + "/mcp", "--scenario", "server-stateless",
                            "--spec-version", "2026-07-28"), work, Duration.ofMinutes(4));
            List<String> errors = stateless.output().lines().map(String::strip).filter(l -> l.startsWith("Error:"))
                    .toList();
            System.out.println("conformance 2026-07-28 server-stateless: " + stateless.output().lines()
                    .filter(l -> l.contains("Passed:")).findFirst().orElse("?"));
            assertThat(stateless.output()).as(stateless.output()).contains("Passed: ");
            assertThat(errors).as(stateless.output()).allMatch(e -> e.startsWith("Error: Not testable: server does not list"));
        }
        System.out.printf("conformance 2026-07-28: %d passed, %d failed%n", STATELESS_SCENARIOS.size() - failed.size(),
                failed.size());
        assertThat(failed).as("failed conformance scenarios").isEmpty();
    }

    @Test
    void inspectorListsAllToolsAndCallsOne() {
        List<String> base = List.of("--cli", connector.mcpUrl(), "--transport", "http",
                "--header", "Authorization: Bearer " + aliceToken);

        List<String> list = new ArrayList<>(base);
        list.addAll(List.of("--method", "tools/list", "--format", "json", "-q"));
        ExternalCommand.Result tools = NodeTools.npx(NodeTools.INSPECTOR, "mcp-inspector", list, work, Duration.ofMinutes(4));
        assertThat(tools.succeeded()).as(tools.output()).isTrue();
        for (String tool : ALL_TOOLS) {
            assertThat(tools.output()).contains("\"" + tool + "\"");
        }

        List<String> call = new ArrayList<>(base);
        call.addAll(List.of("--method", "tools/call", "--tool-name", "list_catalogs", "--format", "json", "-q"));
        ExternalCommand.Result catalogs = NodeTools.npx(NodeTools.INSPECTOR, "mcp-inspector", call, work, Duration.ofMinutes(4));
        assertThat(catalogs.succeeded()).as(catalogs.output()).isTrue();
        assertThat(catalogs.output()).contains("sales").doesNotContain("\"isError\": true").doesNotContain("\"isError\":true");
    }
}
