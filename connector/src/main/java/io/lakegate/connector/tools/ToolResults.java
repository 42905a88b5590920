package io.lakegate.connector.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Builds tool results: compact JSON text (snake_case, no nulls), the shape models read best and cheapest. */
public final class ToolResults {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private ToolResults() {
    }

    public static CallToolResult json(Object payload) {
        return CallToolResult.builder().addTextContent(JSON.writeValueAsString(payload)).isError(false).build();
    }

    public static CallToolResult error(ToolErrorCode code, String message, Map<String, Object> details) {
        return CallToolResult.builder()
                .addTextContent(code.name() + ": " + message)
                .structuredContent(Map.of("error", details))
                .isError(true)
                .build();
    }

    static String toJson(Object payload) {
        return JSON.writeValueAsString(payload);
    }
}
