package io.lakegate.connector.tools.proxy;

import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolGroup;
import io.lakegate.connector.tools.discovery.Missing;
import io.lakegate.connector.upstream.GenieSpaceAccess;
import io.lakegate.connector.upstream.GuardedProxyResults;
import io.lakegate.connector.upstream.ManagedMcpClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code proxy_to_genie}: calls one tool of a Genie space's managed MCP server as the caller, after checking the
 * arguments against that tool's input schema. The upstream result is returned as is.
 */
@Component
public class ProxyToGenieTool implements LakegateTool {

    private final GenieSpaceAccess access;
    private final UpstreamTools upstream;
    private final ManagedMcpClient client;
    private final GuardedProxyResults results;

    public ProxyToGenieTool(
            GenieSpaceAccess access, UpstreamTools upstream, ManagedMcpClient client, GuardedProxyResults results) {
        this.access = access;
        this.upstream = upstream;
        this.client = client;
        this.results = results;
    }

    @Override
    public String name() {
        return "proxy_to_genie";
    }

    @Override
    public String description() {
        return "Call a tool of a Genie space as the signed-in user, e.g. tool_name='query_space_<id>' with "
                + "tool_args={\"query\":\"How many orders yesterday?\"}; when the answer is still pending, call "
                + "'poll_response_<id>' with the conversation_id and message_id it returned. Get tool names and argument "
                + "schemas from list_genie_tools; tool_args are validated against that schema before anything is sent. "
                + "Query attachments whose SQL reads Strictly Confidential data are withheld, with the reason.";
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["genie_space_id", "tool_name", "tool_args"],
                 "properties": {
                "genie_space_id": {"type": "string", "minLength": 1, "description": "space_id from list_genie_spaces."},
                "tool_name": {"type": "string", "minLength": 1, "description": "A tool name from list_genie_tools."},
                "tool_args": {"type": "object", "description": "Arguments for that tool, matching its input_schema."}}}""";
    }

    @Override
    public ToolGroup group() {
        return ToolGroup.GENIE;
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("Ask a Genie space", true);
    }

    /** Conversations and statements progress between polls. */
    @Override
    public boolean readsProgressingState() {
        return true;
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        String spaceId = call.arguments().requiredString("genie_space_id");
        String toolName = call.arguments().requiredString("tool_name");
        Map<String, Object> toolArgs = call.arguments().optionalObject("tool_args");
        return access.check(call, spaceId)
                .flatMap(server -> upstream.validated(call, server, toolName, toolArgs)
                        .flatMap(tool ->
                                client.callTool(call.caller(), call.workspace(), server, toolName, toolArgs, null)))
                .flatMap(result -> results.guardGenie(call, result))
                .onErrorMap(Missing::concealed, e -> Missing.genieSpace(spaceId));
    }
}
