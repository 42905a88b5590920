package io.lakegate.bench.load;

import java.util.List;

/** A virtual user speaking MCP (either protocol era): what the harness asks of a server besides the timed calls. */
public interface McpUser extends VirtualUser {

    /** The names in {@code tools/list}. */
    List<String> toolNames();

    /** One call's whole answer as text (content, structured content and {@code _meta}), for the SCI check. */
    String answerText(Operation operation);
}
