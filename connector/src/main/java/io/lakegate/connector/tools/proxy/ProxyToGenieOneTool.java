package io.lakegate.connector.tools.proxy;

import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.genieone.GenieOneAnswers;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolErrorCode;
import io.lakegate.connector.tools.ToolException;
import io.lakegate.connector.tools.ToolGroup;
import io.lakegate.connector.upstream.ManagedMcpClient;
import io.lakegate.connector.upstream.ManagedMcpServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code proxy_to_genie_one}: calls Databricks' workspace-wide Genie One MCP server ({@code /api/2.0/mcp/genie}) as
 * the caller. A sibling of {@code proxy_to_genie} rather than a mode of it: Genie One has no space id to check before
 * the call (it chooses spaces itself, so {@link GenieOneAnswers} checks the spaces it cites afterwards), it is a Beta
 * preview a workspace may not serve, and operators can enable or disable it on its own in the tool filter.
 */
@Component
public class ProxyToGenieOneTool implements LakegateTool {

    /** Genie One's managed MCP server. */
    public static final ManagedMcpServer GENIE_ONE = new ManagedMcpServer("/api/2.0/mcp/genie", "Genie One");
    /** Both Genie One tools only read; anything else the server may add later is refused until reviewed. */
    static final Set<String> ALLOWED = Set.of("genie_ask", "genie_poll_response");

    private final UpstreamTools upstream;
    private final ManagedMcpClient client;
    private final GenieOneAnswers answers;

    public ProxyToGenieOneTool(UpstreamTools upstream, ManagedMcpClient client, GenieOneAnswers answers) {
        this.upstream = upstream;
        this.client = client;
        this.answers = answers;
    }

    @Override
    public String name() {
        return "proxy_to_genie_one";
    }

    @Override
    public String description() {
        return "Ask Genie One (Databricks' workspace-wide Genie over all data you may use) as the signed-in user: "
                + "tool_name='genie_ask' with tool_args={\"question\":\"How many orders are there?\"} (add "
                + "\"conversation_id\" for a follow-up in the same conversation); while the status is not COMPLETED, "
                + "FAILED, CANCELLED or QUERY_RESULT_EXPIRED, call tool_name='genie_poll_response' with "
                + "{\"conversation_id\",\"response_id\"} from the ask. Answers and their SQL are checked like "
                + "proxy_to_genie's: data from Strictly Confidential assets or Genie spaces is withheld, with the reason. "
                + "NOT_FOUND when the workspace does not serve Genie One.";
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["tool_name", "tool_args"], "properties": {
                "tool_name": {"type": "string", "enum": ["genie_ask", "genie_poll_response"],
                  "description": "genie_ask to ask, genie_poll_response to fetch a pending answer."},
                "tool_args": {"type": "object", "description": "genie_ask: {question, conversation_id?}; \
                genie_poll_response: {conversation_id, response_id}."}}}""";
    }

    @Override
    public ToolGroup group() {
        return ToolGroup.GENIE;
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("Ask Genie One", true);
    }

    /** Responses progress with time between polls. */
    @Override
    public boolean readsProgressingState() {
        return true;
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        String toolName = call.arguments().requiredString("tool_name");
        Map<String, Object> toolArgs = call.arguments().optionalObject("tool_args");
        if (!ALLOWED.contains(toolName)) {
            return Mono.error(ToolException.invalidArgument("argument 'tool_name': Genie One has no tool '" + toolName
                    + "'; available: genie_ask, genie_poll_response"));
        }
        return upstream.validated(call, GENIE_ONE, toolName, toolArgs)
                .flatMap(tool -> client.callTool(call.caller(), call.workspace(), GENIE_ONE, toolName, toolArgs, null))
                .onErrorMap(
                        e -> e instanceof DatabricksApiException d && d.isNotFound(),
                        e -> new ToolException(
                                ToolErrorCode.NOT_FOUND,
                                "workspace '" + call.workspace().name()
                                        + "' does not serve Genie One (/api/2.0/mcp/genie); ask a Genie space with "
                                        + "list_genie_spaces and proxy_to_genie instead"))
                .flatMap(result -> answers.guard(call, result));
    }
}
