package io.lakegate.connector.tools;

import io.lakegate.connector.workspace.WorkspaceRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each tool's advertised input schema: its hand-written schema plus the {@code workspace} property, whose
 * required-ness and allowed values come from the workspace registry.
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

    public Map<String, Object> inputSchema(LakegateTool tool) {
        return cache.computeIfAbsent(tool.name(), name -> build(tool));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> build(LakegateTool tool) {
        Map<String, Object> schema = new LinkedHashMap<>(json.readValue(tool.inputSchemaJson(),
                new TypeReference<Map<String, Object>>() { }));
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) schema.getOrDefault("properties", Map.of()));
        Map<String, Object> workspace = new LinkedHashMap<>();
        workspace.put("type", "string");
        List<String> names = registry.names();
        if (!names.isEmpty()) {
            workspace.put("enum", names);
        }
        workspace.put("description", resolver.workspaceRequired()
                ? "Databricks workspace to use. Required: this connector serves several workspaces (" + String.join(", ", names) + ")."
                : resolver.workspaceDetected()
                ? "Databricks workspace to use (" + String.join(", ", names) + "). Optional: when omitted, the first "
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
