package io.lakegate.connector.upstream;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.tools.ToolErrorCode;
import io.lakegate.connector.tools.ToolException;
import io.lakegate.connector.workspace.Workspace;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The tools a managed MCP server offers, cached briefly per user: what a server lists can depend on the caller's
 * permissions, so one user's list is never served to another.
 */
@Component
public class UpstreamToolCatalog {

    private record Key(String subject, String workspace, String path) {}

    private final ManagedMcpClient client;
    private final AsyncCache<Key, List<Tool>> cache;

    public UpstreamToolCatalog(ManagedMcpClient client, ProxyProperties properties) {
        this.client = client;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.toolListTtl())
                .maximumSize(10_000)
                .buildAsync();
    }

    public Mono<List<Tool>> tools(CallerIdentity caller, Workspace workspace, ManagedMcpServer server) {
        Key key = new Key(caller.subject(), workspace.name(), server.path());
        // suppressCancel: one caller giving up must not cancel the load other callers wait on
        return Mono.fromFuture(
                () -> cache.get(
                        key,
                        (k, executor) ->
                                client.listTools(caller, workspace, server).toFuture()),
                true);
    }

    public Mono<Tool> tool(CallerIdentity caller, Workspace workspace, ManagedMcpServer server, String name) {
        return tools(caller, workspace, server)
                .flatMap(list -> list.stream()
                        .filter(t -> t.name().equals(name))
                        .findFirst()
                        .map(Mono::just)
                        .orElseGet(() -> Mono.error(new ToolException(
                                ToolErrorCode.INVALID_ARGUMENT,
                                "argument 'tool_name': "
                                        + server.label() + " has no tool '" + name + "'; available: "
                                        + String.join(
                                                ", ",
                                                list.stream().map(Tool::name).toList())))));
    }

    /** The tool's input schema as sent upstream; a tool without one takes an object. */
    public static Map<String, Object> inputSchema(Tool tool) {
        return tool.inputSchema() == null || tool.inputSchema().isEmpty()
                ? Map.of("type", "object")
                : tool.inputSchema();
    }
}
