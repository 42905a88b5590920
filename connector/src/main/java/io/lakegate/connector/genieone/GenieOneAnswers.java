package io.lakegate.connector.genieone;

import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolErrorCode;
import io.lakegate.connector.tools.ToolException;
import io.lakegate.connector.upstream.GenieSpaceAccess;
import io.lakegate.connector.upstream.GuardedProxyResults;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards a Genie One answer before it leaves the connector. Genie One picks its Genie spaces itself, so two checks
 * the per-space tools do before calling happen here after the fact:
 * <ol>
 *   <li>every Genie space the answer cites ({@code sources[].genie_space_id}) must pass {@link GenieSpaceAccess} (on
 *       the workspace's allow-list and not SCI-tagged), else the whole answer is withheld; with an allow-list, an
 *       answer that carries data without naming its spaces is withheld too, as it cannot be checked;</li>
 *   <li>the answer's SQL and data go through {@link GuardedProxyResults#guardGenie}, exactly as per-space answers.</li>
 * </ol>
 * An answer that only exists as JSON text (Databricks' text-only shape, snake_case keys) is lifted into structured
 * content first, so the same guard sees it; text that is not a JSON object cannot be verified and is refused.
 */
@Component
public class GenieOneAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SPACE_WITHHELD =
            "Lakegate withheld this Genie One answer: it drew on a Genie space that is not "
                    + "available through Lakegate.";

    private final GenieSpaceAccess access;
    private final GuardedProxyResults results;

    public GenieOneAnswers(GenieSpaceAccess access, GuardedProxyResults results) {
        this.access = access;
        this.results = results;
    }

    public Mono<CallToolResult> guard(ToolCall call, CallToolResult upstream) {
        if (Boolean.TRUE.equals(upstream.isError())) {
            return Mono.just(upstream);
        }
        Map<String, Object> answer = structured(upstream);
        return citedSpacesAllowed(call, answer)
                .flatMap(allowed -> allowed
                        ? results.guardGenie(call, rebuild(upstream, answer))
                        : Mono.just(rebuild(upstream, withheld(answer))));
    }

    /** The answer as a tree with the per-space server's camelCase content keys. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult upstream) {
        Object structured = upstream.structuredContent();
        if (structured instanceof Map<?, ?> map) {
            return new LinkedHashMap<>((Map<String, Object>) map);
        }
        String text = upstream.content() == null
                ? null
                : upstream.content().stream()
                        .filter(TextContent.class::isInstance)
                        .map(c -> ((TextContent) c).text())
                        .findFirst()
                        .orElse(null);
        Object parsed;
        try {
            parsed = text == null ? null : JSON.readValue(text, Object.class);
        } catch (JacksonException e) {
            parsed = null;
        }
        if (!(parsed instanceof Map<?, ?> tree)) {
            throw new ToolException(
                    ToolErrorCode.UPSTREAM_ERROR,
                    "Genie One answered in a form Lakegate cannot verify; the answer is withheld");
        }
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) tree);
        if (out.get("content") instanceof Map<?, ?> content) {
            Map<String, Object> camel = new LinkedHashMap<>();
            content.forEach((k, v) -> camel.put(camel(String.valueOf(k)), v));
            out.put("content", camel);
        }
        return out;
    }

    private static String camel(String key) {
        return switch (key) {
            case "text_attachments" -> "textAttachments";
            case "query_attachments" -> "queryAttachments";
            case "suggested_questions" -> "suggestedQuestions";
            default -> key;
        };
    }

    private Mono<Boolean> citedSpacesAllowed(ToolCall call, Map<String, Object> answer) {
        List<String> spaces = new ArrayList<>();
        if (answer.get("sources") instanceof List<?> sources) {
            for (Object s : sources) {
                if (s instanceof Map<?, ?> source
                        && source.get("genie_space_id") instanceof String id
                        && !id.isBlank()) {
                    spaces.add(id);
                } else {
                    return Mono.just(false); // a source Lakegate cannot identify cannot be checked
                }
            }
        }
        boolean allowListed = !call.workspace().genieSpaceAllowList().isEmpty();
        if (spaces.isEmpty()) {
            return Mono.just(!allowListed || !carriesData(answer));
        }
        // any failure to confirm a space (hidden, unknown, tags unreadable) withholds the answer
        return Flux.fromIterable(spaces)
                .concatMap(id -> access.check(call, id).map(server -> true).onErrorResume(e -> Mono.just(false)))
                .all(Boolean::booleanValue);
    }

    private static boolean carriesData(Map<String, Object> answer) {
        return answer.get("content") instanceof Map<?, ?> content
                && ((content.get("queryAttachments") instanceof List<?> q && !q.isEmpty())
                        || (content.get("textAttachments") instanceof List<?> t && !t.isEmpty()));
    }

    private static Map<String, Object> withheld(Map<String, Object> answer) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("conversation_id", "response_id", "status")) {
            if (answer.containsKey(key)) {
                out.put(key, answer.get(key));
            }
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("textAttachments", List.of(SPACE_WITHHELD));
        content.put("queryAttachments", List.of());
        content.put("suggestedQuestions", List.of());
        out.put("content", content);
        out.put("withheld", "a cited Genie space is not available through Lakegate");
        return out;
    }

    private static CallToolResult rebuild(CallToolResult original, Map<String, Object> structured) {
        return CallToolResult.builder()
                .content(List.of(new TextContent(JSON.writeValueAsString(structured))))
                .structuredContent(structured)
                .isError(original.isError())
                .meta(original.meta())
                .build();
    }
}
