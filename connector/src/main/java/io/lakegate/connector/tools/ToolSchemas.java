package io.lakegate.connector.tools;

import io.lakegate.connector.workspace.WorkspaceRegistry;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each tool's advertised definition (the one registry's view of a tool for {@code tools/list}): its hand-written input
 * schema plus the {@code workspace} property, whose required-ness and allowed values come from the workspace registry,
 * and, for tools whose answer is Lakegate's own JSON, the output schema of that answer or of a tool error.
 */
@Component
public class ToolSchemas {

    private final JsonMapper json = JsonMapper.builder().build();
    private final WorkspaceRegistry registry;
    private final WorkspaceResolver resolver;
    private final Map<String, Map<String, Object>> cache = new ConcurrentHashMap<>();

    public ToolSchemas(WorkspaceRegistry registry, WorkspaceResolver resolver) {
        this.registry = registry;
        this.resolver = resolver;
    }

    /**
     * What every tool answers with {@code isError: true} in {@code structuredContent} (tool errors and the resilience
     * refusals alike): a stable code, the message, and details such as {@code retry_after_seconds}. Part of every output
     * schema because clients validate error results too (the TypeScript SDK does).
     */
    static final String ERROR_SCHEMA = """
            {"type": "object", "additionalProperties": false, "required": ["error"],
             "description": "A failed call (isError: true).",
             "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
               "code": {"type": "string", "description": "Stable error code, e.g. NOT_FOUND, INVALID_ARGUMENT, RATE_LIMITED."},
               "message": {"type": "string"},
               "retry_after_seconds": {"type": "integer", "minimum": 0}}}}}""";

    private final Map<String, Map<String, Object>> outputCache = new ConcurrentHashMap<>();

    public Map<String, Object> inputSchema(LakegateTool tool) {
        return cache.computeIfAbsent(tool.name(), name -> build(tool));
    }

    /**
     * The tool's advertised output schema, null when it declares none: an object (2025-06-18 requires the type) that is
     * either the tool's own answer or a tool error.
     */
    public Map<String, Object> outputSchema(LakegateTool tool) {
        if (tool.outputSchemaJson() == null) {
            return null;
        }
        return outputCache.computeIfAbsent(tool.name(), name -> {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("anyOf", List.of(parse(tool.outputSchemaJson()), parse(ERROR_SCHEMA)));
            return java.util.Collections.unmodifiableMap(schema);
        });
    }

    /** The tool as {@code tools/list} shows it: name, title, description, schemas and annotations, from the tool alone. */
    public Tool definition(LakegateTool tool) {
        Tool.Builder builder = Tool.builder()
                .name(tool.name())
                .title(tool.annotations().title())
                .description(tool.description())
                .inputSchema(inputSchema(tool))
                .annotations(tool.annotations());
        Map<String, Object> output = outputSchema(tool);
        return (output == null ? builder : builder.outputSchema(output)).build();
    }

    private Map<String, Object> parse(String schema) {
        return json.readValue(schema, new TypeReference<Map<String, Object>>() {});
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> build(LakegateTool tool) {
        Map<String, Object> schema = new LinkedHashMap<>(parse(tool.inputSchemaJson()));
        Map<String, Object> properties =
                new LinkedHashMap<>((Map<String, Object>) schema.getOrDefault("properties", Map.of()));
        Map<String, Object> workspace = new LinkedHashMap<>();
        workspace.put("type", "string");
        List<String> names = registry.names();
        if (!names.isEmpty()) {
            workspace.put("enum", names);
        }
        workspace.put(
                "description",
                resolver.workspaceRequired()
                        ? "Databricks workspace to use. Required: this connector serves several workspaces ("
                                + String.join(", ", names) + ")."
                        : resolver.workspaceDetected()
                                ? "Databricks workspace to use (" + String.join(", ", names)
                                        + "). Optional: when omitted, the first "
                                        + "workspace that accepts you is used and remembered for you."
                                : "Databricks workspace to use. Optional: this connector serves one workspace"
                                        + (names.isEmpty() ? "" : " (" + names.get(0) + ")") + ", used when omitted.");
        properties.put(WorkspaceResolver.ARGUMENT, workspace);
        schema.put("properties", properties);
        List<String> required = new ArrayList<>((List<String>) schema.getOrDefault("required", List.of()));
        if (resolver.workspaceRequired()) {
            required.add(WorkspaceResolver.ARGUMENT);
        }
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return java.util.Collections.unmodifiableMap(schema);
    }
}
