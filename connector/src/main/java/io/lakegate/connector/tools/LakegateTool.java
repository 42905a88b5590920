package io.lakegate.connector.tools;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import reactor.core.publisher.Mono;

/**
 * One MCP tool. Implementations are Spring beans; {@link ToolInvoker} registers each with the MCP server and runs every
 * call through its pipeline, so a tool only implements its own logic and signals failures with {@link ToolException}
 * or {@link io.lakegate.connector.databricks.DatabricksApiException}.
 */
public interface LakegateTool {

    String name();

    /** What the tool does, for the model; precise about inputs, outputs, paging and hidden objects. */
    String description();

    /**
     * The tool's own JSON Schema (draft 2020-12) as JSON text, without the {@code workspace} property: the invoker adds
     * that one because its required-ness depends on the registry.
     */
    String inputSchemaJson();

    ToolAnnotations annotations();

    /** Which family the tool belongs to; in identity mode {@code oauth} this decides the scope a call needs. */
    ToolGroup group();

    /**
     * JSON Schema (draft 2020-12, an object schema so that 2025-06-18 clients accept it too) of the
     * {@code structuredContent} of a successful call, as JSON text; null when the answer's shape is not Lakegate's own
     * (a proxied upstream result). {@link ToolSchemas} advertises it together with the error shape every tool may answer.
     */
    default String outputSchemaJson() {
        return null;
    }

    Mono<CallToolResult> call(ToolCall call);

    /**
     * Whether two identical calls may see different upstream state without anything written in between (a Genie
     * message or a statement progressing on its own). Such results are shared only while the call runs, never reused
     * after it finished.
     */
    default boolean readsProgressingState() {
        return false;
    }

    static ToolAnnotations readOnly(String title, boolean openWorld) {
        return new ToolAnnotations(title, true, false, true, openWorld, null);
    }
}
