package io.lakegate.connector.mcp;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;

/**
 * The JSON-RPC request methods the MCP server answers, derived from its capabilities the way MCP SDK 2.0's
 * {@code McpAsyncServer} registers its handlers, and the tools it serves. The SDK's Streamable HTTP session answers a
 * request for any other method with a -32601 event but never ends the SSE stream, so the client hangs, and it answers
 * an unknown tool with "Unknown tool: invalid_tool_name"; the body filter answers both itself.
 */
public final class McpServedMethods {

    private final Supplier<ServerCapabilities> capabilities;
    private final Supplier<? extends Predicate<String>> tools;
    private volatile Set<String> methods;

    public McpServedMethods(Supplier<ServerCapabilities> capabilities, Supplier<? extends Predicate<String>> tools) {
        this.capabilities = capabilities;
        this.tools = tools;
    }

    public boolean servesTool(String name) {
        return tools.get().test(name);
    }

    public boolean serves(String method) {
        Set<String> known = methods;
        if (known == null) {
            known = methods = of(capabilities.get());
        }
        return known.contains(method);
    }

    static Set<String> of(ServerCapabilities caps) {
        Set<String> m = new LinkedHashSet<>();
        m.add("initialize");   // handled by the transport before any session exists
        m.add("ping");
        if (caps == null) {
            return Set.copyOf(m);
        }
        if (caps.tools() != null) {
            m.add("tools/list");
            m.add("tools/call");
        }
        if (caps.resources() != null) {
            m.add("resources/list");
            m.add("resources/read");
            m.add("resources/templates/list");
            if (Boolean.TRUE.equals(caps.resources().subscribe())) {
                m.add("resources/subscribe");
                m.add("resources/unsubscribe");
            }
        }
        if (caps.prompts() != null) {
            m.add("prompts/list");
            m.add("prompts/get");
        }
        if (caps.logging() != null) {
            m.add("logging/setLevel");
        }
        if (caps.completions() != null) {
            m.add("completion/complete");
        }
        return Set.copyOf(m);
    }
}
