package io.lakegate.connector.upstream;

import io.lakegate.connector.guard.GenieAttachmentGuard;
import io.lakegate.connector.guard.GuardLimits;
import io.lakegate.connector.guard.JsonTrees;
import io.lakegate.connector.guard.MetadataListing;
import io.lakegate.connector.guard.ResultSizeEnforcer;
import io.lakegate.connector.sci.SciIndex;
import io.lakegate.connector.tools.ToolCall;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the proxies return, guarded. An upstream answer is read from {@code structuredContent} or, when a server
 * answers in text only, from the JSON in {@code content[].text}; the text block returned is always re-rendered from
 * the guarded tree, so text and structured content never differ and nothing unguarded rides along.
 * <ul>
 * <li>SQL results: statement ids replaced by the caller's handles, SHOW/DESCRIBE rows naming SCI objects dropped,
 * rows and bytes capped.</li>
 * <li>Genie answers: every attachment's SQL checked as executed SQL; what cannot be checked is withheld.</li>
 * </ul>
 */
@Component
public class GuardedProxyResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> STATEMENT_ID_KEYS = List.of("statement_id", "statementId");

    private final CallerGuardContexts contexts;
    private final SciIndex sci;
    private final ResultSizeEnforcer sizes = new ResultSizeEnforcer();
    private final GenieAttachmentGuard genie = new GenieAttachmentGuard(sizes);

    public GuardedProxyResults(CallerGuardContexts contexts, SciIndex sci) {
        this.contexts = contexts;
        this.sci = sci;
    }

    /** The upstream answer as a JSON object: structured content, else the first text block holding a JSON object. */
    static Optional<Map<String, Object>> answerTree(CallToolResult result) {
        Map<String, Object> structured = JsonTrees.object(result.structuredContent());
        if (structured != null) {
            return Optional.of(structured);
        }
        if (result.content() == null) {
            return Optional.empty();
        }
        for (Content c : result.content()) {
            if (c instanceof TextContent text
                    && text.text() != null
                    && text.text().stripLeading().startsWith("{")) {
                try {
                    Map<String, Object> tree = JsonTrees.object(JSON.readValue(text.text(), Object.class));
                    if (tree != null) {
                        return Optional.of(tree);
                    }
                } catch (JacksonException e) {
                    // not JSON: the next block may be
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A {@code proxy_to_sql} result. {@code statementIds} turns each upstream statement id into the handle the caller
     * gets; {@code listing} is what an accepted SHOW/DESCRIBE lists (its SCI rows are dropped, fail-closed).
     */
    public Mono<CallToolResult> guardSql(
            ToolCall call,
            CallToolResult result,
            Optional<MetadataListing> listing,
            UnaryOperator<String> statementIds) {
        return offLoop(() -> answerTree(result).map(parsed -> {
                    Map<String, Object> tree = JsonTrees.object(JsonTrees.copy(parsed));
                    replaceStatementIds(tree, statementIds);
                    return tree;
                }))
                .flatMap(parsed -> {
                    if (parsed.isEmpty()) {
                        return Mono.just(plainText(result, contexts.limits()));
                    }
                    Map<String, Object> tree = parsed.get();
                    boolean structured = result.structuredContent() != null;
                    Mono<Map<String, Object>> filtered = listing.isEmpty()
                            ? Mono.just(tree)
                            : sci.tagsCovering(
                                            call.caller(),
                                            call.workspace(),
                                            MetadataListingFilter.named(listing.get(), tree))
                                    .publishOn(Schedulers.boundedElastic())
                                    .map(tags -> MetadataListingFilter.filter(listing.get(), tree, tags)
                                            .result());
                    return filtered.map(t -> {
                        ResultSizeEnforcer.Enforced enforced = sizes.enforce(t, contexts.limits());
                        return rebuild(result, enforced.result(), enforced.note(), structured);
                    });
                });
    }

    /**
     * A Genie answer: each attachment's SQL must pass the guard as SQL that already ran. An answer that is neither
     * structured nor JSON text cannot be checked and is withheld whole, since it may summarize any data; text blocks
     * beside the JSON one are dropped for the same reason (the returned text is rendered from the guarded tree).
     */
    public Mono<CallToolResult> guardGenie(ToolCall call, CallToolResult result) {
        if (Boolean.TRUE.equals(result.isError())) {
            return Mono.just(result);
        }
        // the answer may be megabytes of JSON text: parsed, guarded and rendered off the event loop
        return offLoop(() -> answerTree(result)).flatMap(tree -> {
            if (tree.isEmpty()) {
                boolean anyText = result.content() != null
                        && result.content().stream()
                                .anyMatch(c -> !(c instanceof TextContent t)
                                        || t.text() != null && !t.text().isBlank());
                return Mono.just(
                        !anyText
                                ? result
                                : CallToolResult.builder()
                                        .content(
                                                List.of(
                                                        new TextContent(
                                                                "Lakegate withheld this Genie answer: it came without the SQL "
                                                                        + "behind it, so Lakegate could not verify that it shows only data you may see.")))
                                        .isError(false)
                                        .meta(result.meta())
                                        .build());
            }
            boolean structured = result.structuredContent() != null;
            return genie.guard(tree.get(), sql -> contexts.decideExecuted(call, sql), contexts.limits())
                    .publishOn(Schedulers.boundedElastic())
                    .map(guarded -> rebuild(result, guarded.result(), null, structured));
        });
    }

    /** Every statement id anywhere in the tree, at any depth (poll answers nest them in status objects too). */
    private static void replaceStatementIds(Object node, UnaryOperator<String> statementIds) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = JsonTrees.object(raw);
            for (Map.Entry<String, Object> e : map.entrySet()) {
                if (STATEMENT_ID_KEYS.contains(e.getKey()) && e.getValue() instanceof String id && !id.isBlank()) {
                    e.setValue(statementIds.apply(id));
                } else {
                    replaceStatementIds(e.getValue(), statementIds);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(v -> replaceStatementIds(v, statementIds));
        }
    }

    /**
     * A SQL answer in plain text has no rows to count: it is cut at the byte cap. It cannot carry a statement id the
     * caller could poll (ids are handed out only from structured answers).
     */
    private static CallToolResult plainText(CallToolResult result, GuardLimits limits) {
        if (result.content() == null) {
            return result;
        }
        List<Content> content = new ArrayList<>();
        long budget = limits.maxBytes();
        boolean cut = false;
        for (Content c : result.content()) {
            if (!(c instanceof TextContent text) || text.text() == null) {
                cut = true;
                continue;
            }
            byte[] bytes = text.text().getBytes(StandardCharsets.UTF_8);
            if (bytes.length <= budget) {
                content.add(text);
                budget -= bytes.length;
            } else {
                content.add(new TextContent(new String(bytes, 0, (int) Math.max(0, budget), StandardCharsets.UTF_8)));
                budget = 0;
                cut = true;
            }
        }
        if (!cut) {
            return result;
        }
        content.add(new TextContent("Result truncated by Lakegate at " + limits.maxBytes() + " bytes."));
        return CallToolResult.builder()
                .content(content)
                .isError(result.isError())
                .meta(result.meta())
                .build();
    }

    private static CallToolResult rebuild(
            CallToolResult original, Map<String, Object> tree, String note, boolean structured) {
        List<Content> content = new ArrayList<>();
        content.add(new TextContent(JSON.writeValueAsString(tree)));
        if (note != null) {
            content.add(new TextContent(note));
        }
        CallToolResult.Builder b = CallToolResult.builder()
                .content(content)
                .isError(original.isError())
                .meta(original.meta());
        if (structured) {
            b.structuredContent(tree);
        }
        return b.build();
    }

    /** Runs {@code work} off the event loop: guarding walks whole result trees. */
    static <T> Mono<T> offLoop(java.util.concurrent.Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
