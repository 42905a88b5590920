package io.lakegate.e2e.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.e2e.support.BearerProxy;
import io.lakegate.e2e.support.ConformanceResults;
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
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Third-party MCP clients from npm against the connector jar running as a real process: the official conformance
 * suite's requirement lists of both protocol revisions and MCP Inspector's CLI. The connector runs in its explicit local-development
 * identity mode, with an emulator-issued token as the bearer.
 */
class RealMcpClientsTest {

    static final List<String> ALL_TOOLS = List.of(
            "list_genie_spaces",
            "list_sql_warehouses",
            "list_catalogs",
            "list_schemas",
            "list_tables",
            "get_table",
            "search_tables",
            "list_genie_tools",
            "proxy_to_genie",
            "list_sql_tools",
            "proxy_to_sql",
            "proxy_to_genie_one");

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
        connector = ConnectorProcess.start(
                Map.of("LAKEGATE_WORKSPACES_FILE", registry.toString(), "LAKEGATE_AUTH_MODE", "dev-emulator-token"),
                List.of(),
                work);
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

    /**
     * Each revision's requirement list of the newest conformance release ({@code --requirements}: every scenario the
     * revision requires, at its own wire, plus the unscored ones it runs for visibility), against the connector.
     * Scenarios fall in three groups, and docs/conformance.md lists each with the reason:
     * <ul>
     * <li>{@link #MUST_PASS}: every check passes (INFO and SKIPPED are reported, not failures; no WARNING);</li>
     * <li>{@link #PARTLY_FIXTURE}: the checks named there need the suite's diagnostic fixture tools and report "Not
     * testable"; every other check passes;</li>
     * <li>{@link #NOT_APPLICABLE}: they call the suite's fixture tools, prompts and resources (test_simple_text,
     * test://static-text, ...) or an extension the connector does not offer; they run, their results are printed.</li>
     * </ul>
     * A scenario in none of the groups (a new one in the list) fails the test, so nothing is left unclassified.
     */
    @ParameterizedTest(name = "requirements {0}")
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void conformanceRequirementListPassesEveryScenarioThatAppliesToAServerWithItsOwnTools(String revision)
            throws Exception {
        Path results = work.resolve("conformance-" + revision);
        ExternalCommand.Result run;
        try (BearerProxy proxy = BearerProxy.start(connector.baseUrl(), aliceToken, work)) {
            run = NodeTools.npx(
                    NodeTools.CONFORMANCE_2026,
                    "conformance",
                    List.of(
                            "server",
                            "--url",
                            proxy.origin() + "/mcp",
                            "--requirements",
                            revision,
                            "-o",
                            results.toString()),
                    work,
                    Duration.ofMinutes(6));
        }
        assertThat(run.timedOut()).as(run.output()).isFalse();
        Map<String, List<JsonNode>> byScenario = ConformanceResults.read(results);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : byScenario.entrySet()) {
            String scenario = e.getKey();
            List<JsonNode> notPassed = e.getValue().stream()
                    .filter(c -> !Set.of("SUCCESS", "INFO", "SKIPPED")
                            .contains(c.path("status").asString()))
                    .toList();
            if (MUST_PASS.contains(scenario)) {
                notPassed.forEach(c -> problems.add(scenario + ": " + ConformanceResults.describe(c)));
            } else if (PARTLY_FIXTURE.containsKey(scenario)) {
                notPassed.stream()
                        .filter(c -> !PARTLY_FIXTURE
                                        .get(scenario)
                                        .contains(c.path("id").asString())
                                || !c.path("errorMessage").asString("").startsWith("Not testable"))
                        .forEach(c -> problems.add(scenario + ": " + ConformanceResults.describe(c)));
            } else if (!NOT_APPLICABLE.containsKey(scenario)) {
                problems.add(scenario + ": unclassified (add it to a group and to docs/conformance.md)");
            }
            System.out.printf(
                    "conformance %s %-48s %s%n", revision, scenario, ConformanceResults.summary(e.getValue()));
        }
        assertThat(byScenario.keySet())
                .as("the scenarios that must pass all ran")
                .containsAll(MUST_PASS.stream()
                        .filter(s -> APPLIES.getOrDefault(s, Set.of(revision)).contains(revision))
                        .toList());
        assertThat(problems).as(run.output()).isEmpty();
    }

    /** Scenarios whose every check must pass, on each revision whose list names them. */
    static final Set<String> MUST_PASS = Set.of(
            "server-initialize",
            "ping",
            "logging-set-level",
            "tools-list",
            "resources-list",
            "prompts-list",
            "server-sse-multiple-streams",
            "dns-rebinding-protection",
            "server-session-lifecycle",
            "server-sse-polling",
            "caching",
            "sep-2164-resource-not-found",
            "http-header-validation",
            "input-required-result-unsupported-methods");

    /** Where a must-pass scenario is not in both lists: the revisions whose list names it. */
    static final Map<String, Set<String>> APPLIES = Map.of(
            "server-initialize",
            Set.of("2025-11-25"),
            "ping",
            Set.of("2025-11-25"),
            "logging-set-level",
            Set.of("2025-11-25"),
            "server-session-lifecycle",
            Set.of("2025-11-25"),
            "server-sse-polling",
            Set.of("2025-11-25"),
            "caching",
            Set.of("2026-07-28"),
            "sep-2164-resource-not-found",
            Set.of("2026-07-28"),
            "http-header-validation",
            Set.of("2026-07-28"),
            "input-required-result-unsupported-methods",
            Set.of("2026-07-28"));

    /** Scenarios of which the named checks need the suite's diagnostic tools (test_missing_capability, ...). */
    static final Map<String, Set<String>> PARTLY_FIXTURE = Map.of(
            "server-stateless",
            Set.of(
                    "sep-2575-server-rejects-undeclared-capability", "sep-2575-missing-capability-http-400",
                    "sep-2575-http-server-no-independent-requests-on-stream",
                            "sep-2575-server-no-log-without-loglevel"));

    static final String FIXTURE_TOOL = "calls a fixture tool of the suite's reference server";
    static final String NO_PROMPTS = "gets a fixture prompt; the connector serves no prompts";
    static final String NO_RESOURCES = "reads a fixture resource; the connector serves no resources";
    static final String TASKS = "tasks extension (io.modelcontextprotocol/tasks), not offered; needs fixture tools";

    /** Scenarios that cannot apply to a server with its own tools, and why (docs/conformance.md). */
    static final Map<String, String> NOT_APPLICABLE = Map.ofEntries(
            Map.entry(
                    "completion-complete",
                    "completes a fixture prompt's argument; the connector has no prompts"
                            + " or resource templates, so it declares no completions capability"),
            Map.entry("tools-call-simple-text", FIXTURE_TOOL),
            Map.entry("tools-call-image", FIXTURE_TOOL),
            Map.entry("tools-call-audio", FIXTURE_TOOL),
            Map.entry("tools-call-embedded-resource", FIXTURE_TOOL),
            Map.entry("tools-call-mixed-content", FIXTURE_TOOL),
            Map.entry("tools-call-with-logging", FIXTURE_TOOL),
            Map.entry("tools-call-error", FIXTURE_TOOL),
            Map.entry("tools-call-with-progress", FIXTURE_TOOL),
            Map.entry("tools-call-sampling", FIXTURE_TOOL),
            Map.entry("tools-call-elicitation", FIXTURE_TOOL),
            Map.entry("elicitation-sep1034-defaults", FIXTURE_TOOL),
            Map.entry("elicitation-sep1330-enums", FIXTURE_TOOL),
            Map.entry("json-schema-2020-12", FIXTURE_TOOL + " (json_schema_2020_12_tool)"),
            Map.entry("resources-read-text", NO_RESOURCES),
            Map.entry("resources-read-binary", NO_RESOURCES),
            Map.entry("resources-templates-read", NO_RESOURCES),
            Map.entry("resources-subscribe", "subscribes to a fixture resource; no resources, no subscribe capability"),
            Map.entry(
                    "resources-unsubscribe", "subscribes to a fixture resource; no resources, no subscribe capability"),
            Map.entry("prompts-get-simple", NO_PROMPTS),
            Map.entry("prompts-get-with-args", NO_PROMPTS),
            Map.entry("prompts-get-embedded-resource", NO_PROMPTS),
            Map.entry("prompts-get-with-image", NO_PROMPTS),
            Map.entry(
                    "http-custom-header-server-validation",
                    "needs a tool whose input schema uses x-mcp-header;" + " no connector tool does"),
            Map.entry("input-required-result-basic-elicitation", FIXTURE_TOOL),
            Map.entry("input-required-result-basic-sampling", FIXTURE_TOOL),
            Map.entry("input-required-result-basic-list-roots", FIXTURE_TOOL),
            Map.entry("input-required-result-request-state", FIXTURE_TOOL),
            Map.entry("input-required-result-multiple-input-requests", FIXTURE_TOOL),
            Map.entry("input-required-result-multi-round", FIXTURE_TOOL),
            Map.entry("input-required-result-missing-input-response", FIXTURE_TOOL),
            Map.entry("input-required-result-non-tool-request", NO_PROMPTS),
            Map.entry("input-required-result-result-type", FIXTURE_TOOL),
            Map.entry("input-required-result-tampered-state", FIXTURE_TOOL),
            Map.entry("input-required-result-capability-check", FIXTURE_TOOL),
            Map.entry("input-required-result-ignore-extra-params", FIXTURE_TOOL),
            Map.entry("input-required-result-validate-input", FIXTURE_TOOL),
            Map.entry("tasks-lifecycle", TASKS),
            Map.entry("tasks-capability-negotiation", TASKS),
            Map.entry("tasks-wire-fields", TASKS),
            Map.entry("tasks-request-state-removal", TASKS),
            Map.entry("tasks-mrtr-input", TASKS),
            Map.entry("tasks-request-headers", TASKS),
            Map.entry("tasks-dispatch-and-envelope", TASKS),
            Map.entry("tasks-status-notifications", TASKS),
            Map.entry("tasks-required-task-error", TASKS),
            Map.entry("tasks-mrtr-composition", TASKS));

    @Test
    void inspectorListsAllToolsAndCallsOne() {
        List<String> base = List.of(
                "--cli", connector.mcpUrl(), "--transport", "http", "--header", "Authorization: Bearer " + aliceToken);

        List<String> list = new ArrayList<>(base);
        list.addAll(List.of("--method", "tools/list", "--format", "json", "-q"));
        ExternalCommand.Result tools =
                NodeTools.npx(NodeTools.INSPECTOR, "mcp-inspector", list, work, Duration.ofMinutes(4));
        assertThat(tools.succeeded()).as(tools.output()).isTrue();
        for (String tool : ALL_TOOLS) {
            assertThat(tools.output()).contains("\"" + tool + "\"");
        }

        List<String> call = new ArrayList<>(base);
        call.addAll(List.of("--method", "tools/call", "--tool-name", "list_catalogs", "--format", "json", "-q"));
        ExternalCommand.Result catalogs =
                NodeTools.npx(NodeTools.INSPECTOR, "mcp-inspector", call, work, Duration.ofMinutes(4));
        assertThat(catalogs.succeeded()).as(catalogs.output()).isTrue();
        assertThat(catalogs.output())
                .contains("sales")
                .doesNotContain("\"isError\": true")
                .doesNotContain("\"isError\":true");
    }
}
