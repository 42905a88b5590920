package io.lakegate.connector.tools.discovery;

import io.lakegate.connector.databricks.WorkspaceApi;
import io.lakegate.connector.databricks.model.GenieSpace;
import io.lakegate.connector.sci.SciIndex;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolGroup;
import io.lakegate.connector.tools.ToolResults;
import io.lakegate.connector.tools.paging.PageCollector;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code list_genie_spaces}: Genie spaces the caller can use, restricted to the workspace's allow-list and without
 * spaces carrying the SCI workspace tag.
 */
@Component
public class ListGenieSpacesTool implements LakegateTool {

    record Result(List<GenieSpace> spaces, String nextCursor) {}

    private final WorkspaceApi api;
    private final SciIndex sci;
    private final Listing listing;

    public ListGenieSpacesTool(WorkspaceApi api, SciIndex sci, Listing listing) {
        this.api = api;
        this.sci = sci;
        this.listing = listing;
    }

    @Override
    public String name() {
        return "list_genie_spaces";
    }

    @Override
    public String description() {
        return "List the Databricks AI/BI Genie spaces the signed-in user can query: {\"spaces\":[{\"space_id\",\"title\","
                + "\"description\",\"warehouse_id\"}],\"next_cursor\"?}. " + Listing.PAGING_HELP
                + " Spaces classified Strictly Confidential (SCI) or not enabled for this connector are not listed. "
                + "Next step: list_genie_tools(genie_space_id), then proxy_to_genie to ask a question.";
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "properties": {
                $PAGING}}""".replace("$PAGING", Listing.PAGING_PROPERTIES);
    }

    @Override
    public ToolGroup group() {
        return ToolGroup.DISCOVERY;
    }

    @Override
    public String outputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["spaces"], "properties": {
                "spaces": {"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {
                  "space_id": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"}, "warehouse_id": {"type": "string"}}}},
                $NEXT_CURSOR}}""".replace("$NEXT_CURSOR", Listing.NEXT_CURSOR_PROPERTY);
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("List Genie spaces", false);
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        String key = Listing.key(call);
        return PageCollector.<GenieSpace>collect(
                        token -> api.listGenieSpaces(call.caller(), call.workspace(), token, listing.pageSize()),
                        page -> {
                            List<String> allowed = page.stream()
                                    .map(GenieSpace::spaceId)
                                    .filter(id -> id != null && call.workspace().genieSpaceAllowed(id))
                                    .toList();
                            return sci.hiddenGenieSpaces(call.caller(), call.workspace(), allowed)
                                    .map(hidden -> (Predicate<GenieSpace>)
                                            s -> allowed.contains(s.spaceId()) && !hidden.contains(s.spaceId()));
                        },
                        listing.cursor(call, key),
                        listing.limit(call),
                        listing.maxPages())
                // descriptions may name SCI tables: redact with what the caller's Unity Catalog tags say
                .flatMap(r -> sci.tagsCovering(call.caller(), call.workspace(), List.of())
                        .map(tags -> ToolResults.json(new Result(
                                r.items().stream()
                                        .map(s -> s.withDescription(tags::redact))
                                        .toList(),
                                r.next() == null ? null : r.next().encode(key)))));
    }
}
