package io.lakegate.connector.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.lakegate.connector.tools.ToolCall;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the proxies return, guarded: SQL results capped at the row limit and byte cap, Genie results with SCI-reading
 * attachments withheld. The text block is re-rendered from the guarded structured content, so the two never differ.
 */
@Component
public class GuardedProxyResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CallerGuardContexts contexts;
    private final ResultSizeEnforcer sizes = new ResultSizeEnforcer();
    private final GenieAttachmentGuard genie;

    public GuardedProxyResults(CallerGuardContexts contexts) {
        this.contexts = contexts;
        this.genie = new GenieAttachmentGuard(sizes);
    }

    public CallToolResult capSql(CallToolResult result) {
        Map<String, Object> structured = JsonTrees.object(result.structuredContent());
        if (Boolean.TRUE.equals(result.isError()) || structured == null) {
            return result;
        }
        ResultSizeEnforcer.Enforced enforced = sizes.enforce(structured, contexts.limits());
        if (!enforced.truncated()) {
            return result;
        }
        return rebuild(result, enforced.result(), enforced.note());
    }

    public Mono<CallToolResult> guardGenie(ToolCall call, CallToolResult result) {
        Map<String, Object> structured = JsonTrees.object(result.structuredContent());
        if (Boolean.TRUE.equals(result.isError()) || structured == null) {
            return Mono.just(result);
        }
        List<String> sqls = new ArrayList<>();
        Map<String, Object> content = JsonTrees.object(structured.get("content"));
        List<Object> attachments = content == null ? null : JsonTrees.array(content.get("queryAttachments"));
        if (attachments == null || attachments.isEmpty()) {
            return Mono.just(result);
        }
        for (Object a : attachments) {
            Map<String, Object> attachment = JsonTrees.object(a);
            if (attachment != null && attachment.get("query") instanceof String sql) {
                sqls.add(sql);
            }
        }
        return contexts.decideExecuted(call, sqls)
                .map(verdicts -> genie.guard(structured, verdicts, contexts.limits()))
                .map(guarded -> rebuild(result, guarded.result(), null));
    }

    private static CallToolResult rebuild(CallToolResult original, Map<String, Object> structured, String note) {
        List<io.modelcontextprotocol.spec.McpSchema.Content> content = new ArrayList<>();
        content.add(new TextContent(JSON.writeValueAsString(structured)));
        if (note != null) {
            content.add(new TextContent(note));
        }
        return CallToolResult.builder().content(content).structuredContent(structured)
                .isError(original.isError()).meta(original.meta()).build();
    }
}
