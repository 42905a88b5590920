package io.lakegate.emulator.genie;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.http.ApiException;
import io.lakegate.emulator.seed.Seed;
import io.lakegate.emulator.sql.SqlEngine;
import io.lakegate.emulator.sql.StatementRecord;
import io.lakegate.emulator.sql.StatementService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Genie conversations: a question is matched (case and punctuation ignored) against the space's canned questions, else
 * answered by the fallback "row count of the space's first table"; the SQL runs as the asking user with that user's
 * grants on the space's warehouse.
 */
public final class GenieService {

    /** A conversation: its owner and space. */
    record Conversation(String id, String spaceId, String user, long userId, String title, long createdAt) {}

    private final GenieSpaces spaces;
    private final AccessPolicy access;
    private final StatementService statements;
    private final Clock clock;
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, GenieMessage> messages = new ConcurrentHashMap<>();

    public GenieService(GenieSpaces spaces, AccessPolicy access, StatementService statements, Clock clock) {
        this.spaces = spaces;
        this.access = access;
        this.statements = statements;
        this.clock = clock;
    }

    public GenieSpaces spaces() {
        return spaces;
    }

    /** Starts a conversation (conversationId null) or adds a follow-up message to the caller's conversation. */
    public Mono<GenieMessage> ask(String user, String spaceId, String conversationId, String content) {
        Seed.GenieSpace space = spaces.runnable(user, spaceId);
        if (content == null || content.isBlank()) {
            return Mono.error(ApiException.invalidParameter("content must not be empty."));
        }
        Conversation conv;
        if (conversationId == null) {
            String id = newId();
            conv = new Conversation(id, spaceId, user, userId(user), title(content), clock.millis());
            conversations.put(id, conv);
        } else {
            conv = conversation(user, spaceId, conversationId);
        }
        Seed.Question q = match(space, content);
        long now = clock.millis();
        String messageId = newId();
        if (!access.canUseWarehouse(user, space.warehouseId())) {
            GenieMessage m = new GenieMessage(
                    messageId,
                    conv.id(),
                    space,
                    user,
                    conv.userId(),
                    content,
                    q,
                    now,
                    null,
                    "WAREHOUSE_ACCESS_MISSING_EXCEPTION");
            messages.put(messageId, m);
            return Mono.just(m);
        }
        SqlEngine.Request request = new SqlEngine.Request(user, q.sql(), null, null, List.of(), 1000, false, "genie");
        return statements.submit(request, Duration.ZERO, false).map(rec -> {
            GenieMessage m =
                    new GenieMessage(messageId, conv.id(), space, user, conv.userId(), content, q, now, rec, null);
            messages.put(messageId, m);
            return m;
        });
    }

    Conversation conversation(String user, String spaceId, String conversationId) {
        Conversation c = conversations.get(conversationId);
        if (c == null || !c.spaceId().equals(spaceId) || !c.user().equalsIgnoreCase(user)) {
            throw ApiException.notFound(
                    "RESOURCE_DOES_NOT_EXIST", "Conversation " + conversationId + " does not exist.");
        }
        return c;
    }

    Optional<Conversation> findConversation(String id) {
        return Optional.ofNullable(conversations.get(id));
    }

    /** The caller's message, advanced by one poll step. */
    public GenieMessage poll(String user, String spaceId, String conversationId, String messageId) {
        GenieMessage m = message(user, spaceId, conversationId, messageId);
        m.observe(clock.millis());
        return m;
    }

    GenieMessage message(String user, String spaceId, String conversationId, String messageId) {
        spaces.runnable(user, spaceId);
        conversation(user, spaceId, conversationId);
        GenieMessage m = messages.get(messageId);
        if (m == null || !m.conversationId().equals(conversationId)) {
            throw ApiException.notFound("RESOURCE_DOES_NOT_EXIST", "Message " + messageId + " does not exist.");
        }
        return m;
    }

    private long userId(String user) {
        return Long.parseLong(access.user(user).id());
    }

    static Seed.Question match(Seed.GenieSpace space, String content) {
        String wanted = normalize(content);
        for (Seed.Question q : space.questions()) {
            if (normalize(q.question()).equals(wanted)) {
                return q;
            }
        }
        String first = space.tables().get(0);
        return new Seed.Question(
                content,
                "Counts the rows of " + first,
                "SELECT COUNT(*) AS row_count FROM " + first,
                "`" + first + "` has **{0} rows**.");
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 ]", " ")
                .replaceAll("\\s+", " ")
                .trim();
    }

    private static String title(String content) {
        return content.length() <= 80 ? content : content.substring(0, 77) + "...";
    }

    private static String newId() {
        return "01f0" + UUID.randomUUID().toString().replace("-", "").substring(4);
    }

    /** Answer text: the template with {0} replaced by the first cell of the first row. */
    static String answer(GenieMessage m) {
        StatementRecord s = m.statement();
        String first = "";
        if (s != null
                && s.result() != null
                && !s.result().rows().isEmpty()
                && !s.result().rows().get(0).isEmpty()) {
            String cell = s.result().rows().get(0).get(0);
            first = cell == null ? "NULL" : cell;
        } else if (s != null && s.result() != null) {
            return "No rows matched the question.";
        }
        return m.question().answer().replace("{0}", first);
    }
}
