package io.lakegate.connector.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds tool results: compact JSON text (snake_case, no nulls), the shape models read best and cheapest, and the same
 * JSON as {@code structuredContent} for clients of 2025-06-18 and later, which check it against the tool's
 * {@code outputSchema}.
 */
public final class ToolResults {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private static final TypeReference<Map<String, Object>> STRUCTURED = new TypeReference<>() {};

    private ToolResults() {}

    public static CallToolResult json(Object payload) {
        String text = JSON.writeValueAsString(payload);
        // parsed back from the text rather than converted from the payload: the two can never disagree
        Map<String, Object> structured = JSON.readValue(text, STRUCTURED);
        return CallToolResult.builder()
                .addTextContent(text)
                .structuredContent(structured)
                .isError(false)
                .build();
    }

    public static CallToolResult error(ToolErrorCode code, String message, Map<String, Object> details) {
        return CallToolResult.builder()
                .addTextContent(code.name() + ": " + message)
                .structuredContent(Map.of("error", details))
                .isError(true)
                .build();
    }

    /** The {@code error.code} of an error result (the shape every Lakegate tool error has), else null. */
    public static String errorCode(CallToolResult result) {
        if (result == null || !Boolean.TRUE.equals(result.isError())) {
            return null;
        }
        if (result.structuredContent() instanceof Map<?, ?> map
                && map.get("error") instanceof Map<?, ?> error
                && error.get("code") instanceof String code) {
            return code;
        }
        return "UNKNOWN";
    }

    static String toJson(Object payload) {
        return JSON.writeValueAsString(payload);
    }
}
