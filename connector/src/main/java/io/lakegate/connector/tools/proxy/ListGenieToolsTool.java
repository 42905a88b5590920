package io.lakegate.connector.tools.proxy;

import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolGroup;
import io.lakegate.connector.tools.ToolResults;
import io.lakegate.connector.tools.discovery.Missing;
import io.lakegate.connector.upstream.GenieSpaceAccess;
import io.lakegate.connector.upstream.UpstreamToolCatalog;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code list_genie_tools}: the tools of one Genie space's managed MCP server. */
@Component
public class ListGenieToolsTool implements LakegateTool {

    private final GenieSpaceAccess access;
    private final UpstreamToolCatalog catalog;
    private final UpstreamTools upstream;

    public ListGenieToolsTool(GenieSpaceAccess access, UpstreamToolCatalog catalog, UpstreamTools upstream) {
        this.access = access;
        this.catalog = catalog;
        this.upstream = upstream;
    }

    @Override
    public String name() {
        return "list_genie_tools";
    }

    @Override
    public String description() {
        return "List the tools of a Genie space (Databricks' managed Genie MCP server for that space), typically "
                + "query_space_<id> to ask a natural-language question and poll_response_<id> to fetch a pending answer. "
                + "Returns {\"genie_space_id\",\"tools\":[{\"name\",\"description\",\"input_schema\"}]}. Call them with "
                + "proxy_to_genie. A space that is unknown, not enabled here or Strictly Confidential answers NOT_FOUND.";
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["genie_space_id"], "properties": {
                "genie_space_id": {"type": "string", "minLength": 1, "description": "space_id from list_genie_spaces."}}}""";
    }

    @Override
    public ToolGroup group() {
        return ToolGroup.GENIE;
    }

    @Override
    public String outputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["genie_space_id", "tools"], "properties": {
                "genie_space_id": {"type": "string"},
                "tools": {"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {
                  "name": {"type": "string"}, "description": {"type": "string"}, "input_schema": {"type": "object"}},
                  "required": ["name", "input_schema"]}}}}""";
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("List Genie space tools", true);
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        String spaceId = call.arguments().requiredString("genie_space_id");
        return access.check(call, spaceId)
                .flatMap(server -> catalog.tools(call.caller(), call.workspace(), server))
                .onErrorMap(Missing::concealed, e -> Missing.genieSpace(spaceId))
                .map(tools -> {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("genie_space_id", spaceId);
                    result.put("tools", tools.stream().map(upstream::describe).toList());
                    return ToolResults.json(result);
                });
    }
}
