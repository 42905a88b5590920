package io.lakegate.emulator.genie;

import static io.lakegate.emulator.http.Json.obj;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.fault.Switches;
import io.lakegate.emulator.http.ApiException;
import io.lakegate.emulator.seed.Seed;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Genie One: workspace-wide Genie chat over every Genie space the user may run, never one tagged SCI. A question goes
 * to the first such space with a matching canned question, else (follow-ups) to the space the conversation used last,
 * else to the first usable space's fallback; the SQL runs as the user through {@link GenieService}, so UC grants
 * apply. One Genie One conversation spans spaces: it keeps one underlying space conversation per space it used.
 *
 * <p>Unlike the per-space server (one step per poll), a Genie One response advances with time, as the real one does:
 * SUBMITTED, FETCHING_METADATA, FILTERING_CONTEXT, ASKING_AI, PENDING_WAREHOUSE, EXECUTING_QUERY, one {@code step}
 * each, then COMPLETED, FAILED or CANCELLED when the statement ends; a completed answer whose result is older than
 * {@link Switches#genieResultTtl()} reports QUERY_RESULT_EXPIRED and carries no rows any more.
 */
public final class GenieOne {

    /** The documented status set of a Genie message, in progression order up to the end states. */
    public static final List<String> PROGRESSION = List.of(
            "SUBMITTED", "FETCHING_METADATA", "FILTERING_CONTEXT", "ASKING_AI", "PENDING_WAREHOUSE", "EXECUTING_QUERY");

    /** A Genie One conversation: its owner and the space conversation it holds per space. */
    private record Conversation(String id, String user, Map<String, String> spaceConversations, String[] lastSpace) {}

    /** One asked question. {@code message} is null when no space could answer ({@code failure} says why). */
    private static final class Response {
        final String id;
        final String conversationId;
        final String user;
        final long askedAt;
        final GenieMessage message;
        final String failure;
        volatile long endedAt = -1;

        Response(String id, String conversationId, String user, long askedAt, GenieMessage message, String failure) {
            this.id = id;
            this.conversationId = conversationId;
            this.user = user;
            this.askedAt = askedAt;
            this.message = message;
            this.failure = failure;
        }
    }

    private final GenieService genie;
    private final AccessPolicy access;
    private final Switches switches;
    private final Clock clock;
    private final Duration step;
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, Response> responses = new ConcurrentHashMap<>();

    public GenieOne(GenieService genie, AccessPolicy access, Switches switches, Clock clock, Duration step) {
        this.genie = genie;
        this.access = access;
        this.switches = switches;
        this.clock = clock;
        this.step = step;
    }

    /** Asks in a new conversation (conversationId null) or continues the caller's conversation. */
    public Mono<Map<String, Object>> ask(String user, String conversationId, String question) {
        if (question == null || question.isBlank()) {
            return Mono.error(ApiException.invalidParameter("question must not be empty."));
        }
        Conversation conv;
        if (conversationId == null) {
            conv = new Conversation(newId(), user, new ConcurrentHashMap<>(), new String[1]);
            conversations.put(conv.id(), conv);
        } else {
            conv = conversation(user, conversationId);
        }
        long now = clock.millis();
        String responseId = newId();
        Seed.GenieSpace space = choose(user, conv, question);
        if (space == null) {
            Response r = new Response(
                    responseId, conv.id(), user, now, null, "None of the data you can use answers this question.");
            responses.put(r.id, r);
            return Mono.just(result(r));
        }
        synchronized (conv) {
            conv.lastSpace()[0] = space.spaceId();
        }
        return genie.ask(user, space.spaceId(), conv.spaceConversations().get(space.spaceId()), question)
                .map(m -> {
                    conv.spaceConversations().putIfAbsent(space.spaceId(), m.conversationId());
                    Response r = new Response(responseId, conv.id(), user, now, m, null);
                    responses.put(r.id, r);
                    return result(r);
                });
    }

    /** The caller's response as it stands now. */
    public Map<String, Object> poll(String user, String conversationId, String responseId) {
        conversation(user, conversationId);
        Response r = responses.get(responseId);
        if (r == null || !r.conversationId.equals(conversationId)) {
            throw ApiException.notFound("RESOURCE_DOES_NOT_EXIST", "Response " + responseId + " does not exist.");
        }
        return result(r);
    }

    private Conversation conversation(String user, String id) {
        Conversation c = conversations.get(id);
        if (c == null || !c.user().equalsIgnoreCase(user)) {
            throw ApiException.notFound("RESOURCE_DOES_NOT_EXIST", "Conversation " + id + " does not exist.");
        }
        return c;
    }

    /**
     * The space to answer from: only spaces the user may run, whose warehouse they may use and that are not tagged SCI
     * (Genie One never draws on Strictly Confidential spaces).
     */
    private Seed.GenieSpace choose(String user, Conversation conv, String question) {
        List<Seed.GenieSpace> usable = genie.spaces().visibleTo(user).stream()
                .filter(s -> !s.sciTagged())
                .filter(s -> access.canUseWarehouse(user, s.warehouseId()))
                .toList();
        for (Seed.GenieSpace s : usable) {
            Seed.Question q = GenieService.match(s, question);
            if (s.questions().stream().anyMatch(c -> c == q)) {
                return s;
            }
        }
        String last;
        synchronized (conv) {
            last = conv.lastSpace()[0];
        }
        return usable.stream()
                .filter(s -> s.spaceId().equals(last))
                .findFirst()
                .orElse(usable.isEmpty() ? null : usable.get(0));
    }

    /** The status of {@code r} at this moment (time-based; see the class comment). */
    String status(Response r) {
        long now = clock.millis();
        int index = (int) Math.min(Integer.MAX_VALUE, (now - r.askedAt) / Math.max(1, step.toMillis()));
        if (r.message == null) {
            // nothing to ask: Genie fails after looking for data
            return index < PROGRESSION.indexOf("ASKING_AI") + 1 ? PROGRESSION.get(index) : "FAILED";
        }
        if (r.message.failure() != null) {
            return index < PROGRESSION.indexOf("PENDING_WAREHOUSE") + 1 ? PROGRESSION.get(index) : "FAILED";
        }
        if (index < PROGRESSION.size()) {
            return PROGRESSION.get(index);
        }
        if (!r.message.statement().isTerminal()) {
            return "EXECUTING_QUERY";
        }
        String state = r.message.statement().state();
        if (r.endedAt < 0) {
            r.endedAt = now;
        }
        return switch (state) {
            case "SUCCEEDED" ->
                now - r.endedAt >= switches.genieResultTtl().toMillis() ? "QUERY_RESULT_EXPIRED" : "COMPLETED";
            case "CANCELED", "CLOSED" -> "CANCELLED";
            default -> "FAILED";
        };
    }

    /**
     * The Genie One answer, camelCase content like the per-space server's ({@code content.textAttachments},
     * {@code content.queryAttachments}, {@code content.suggestedQuestions}) with snake_case ids
     * ({@code conversation_id}, {@code response_id}) as Genie One's tools take them, plus the spaces it drew on.
     */
    private Map<String, Object> result(Response r) {
        String status = status(r);
        Map<String, Object> content;
        List<Map<String, Object>> sources = new ArrayList<>();
        if (r.message == null) {
            content = new LinkedHashMap<>();
            content.put("textAttachments", status.equals("FAILED") ? List.of(r.failure) : List.of());
            content.put("queryAttachments", List.of());
            content.put("suggestedQuestions", List.of());
        } else {
            Seed.GenieSpace s = r.message.space();
            sources.add(obj("genie_space_id", s.spaceId(), "title", s.title()));
            String shown = switch (status) {
                case "PENDING_WAREHOUSE" -> "ASKING_AI";
                case "QUERY_RESULT_EXPIRED", "CANCELLED" -> "COMPLETED";
                default ->
                    PROGRESSION.indexOf(status) >= 0
                                    && PROGRESSION.indexOf(status) < PROGRESSION.indexOf("EXECUTING_QUERY")
                            ? "ASKING_AI"
                            : status;
            };
            content = GenieJson.mcpContent(r.message, shown);
            if (status.equals("QUERY_RESULT_EXPIRED") || status.equals("CANCELLED")) {
                content.put(
                        "textAttachments",
                        List.of(
                                status.equals("CANCELLED")
                                        ? "The query was cancelled."
                                        : "The query result has expired; ask the question again."));
                content.put("suggestedQuestions", List.of());
                content.put("queryAttachments", withoutRows(content.get("queryAttachments")));
            }
        }
        return obj(
                "conversation_id",
                r.conversationId,
                "response_id",
                r.id,
                "status",
                status,
                "content",
                content,
                "sources",
                sources);
    }

    /** The query attachments with their statement_response reduced to id and state: the rows are gone. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> withoutRows(Object attachments) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object a : (List<Object>) attachments) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) a);
            Map<String, Object> statement = (Map<String, Object>) copy.get("statement_response");
            if (statement != null) {
                copy.put(
                        "statement_response",
                        obj("statement_id", statement.get("statement_id"), "status", obj("state", "CLOSED")));
            }
            out.add(copy);
        }
        return out;
    }

    /**
     * The same answer with snake_case content keys, as the text-only shape of Databricks' Genie MCP servers carries it
     * ({@link Switches.GenieMcpShape#TEXT_ONLY}).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> textShape(Map<String, Object> result) {
        Map<String, Object> content = (Map<String, Object>) result.get("content");
        Map<String, Object> out = new LinkedHashMap<>(result);
        out.put(
                "content",
                obj(
                        "text_attachments",
                        content.get("textAttachments"),
                        "query_attachments",
                        content.get("queryAttachments"),
                        "suggested_questions",
                        content.get("suggestedQuestions")));
        return out;
    }

    private static String newId() {
        return "01f1" + UUID.randomUUID().toString().replace("-", "").substring(4);
    }
}
