package io.lakegate.connector.guard;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Genie writes and runs its own SQL, so its answers are checked after the fact. The answer is a JSON tree in any of
 * the shapes Genie servers use (databricks.md §8): the space server's {@code content.queryAttachments[]} with
 * {@code query} + {@code statement_response}, the REST message's {@code attachments[].query.query}, Genie One's
 * {@code query_items[]}; keys in camelCase or snake_case. Rather than trusting one shape, every object of the tree that
 * carries SQL or data ({@code query}/{@code sql}, {@code statement_response}, {@code query_result}, {@code data_array},
 * {@code manifest}, {@code external_links}) is an attachment, and its SQL must be accepted by the guard's
 * executed-SQL check. An attachment whose SQL is refused, missing or unverifiable loses everything but its ids
 * (SQL, data, description) and gets a {@code withheld} reason that names no asset. Genie's text summary is derived
 * from the rows, so when anything is withheld every text answer of the tree (text attachments, final answer,
 * suggested questions) is replaced by one note. Kept attachments have their data capped by the
 * {@link ResultSizeEnforcer}.
 */
public final class GenieAttachmentGuard {

    /** The one reason of a withheld attachment: it says nothing about which asset (or whether any SCI one) is read. */
    public static final String UNVERIFIED = "Lakegate could not verify that its SQL reads only data you may see";

    public static final String NO_SQL = "it carries data without the SQL that produced it, so it cannot be verified";

    private static final Set<String> SQL_KEYS = Set.of("query", "sql");
    private static final Set<String> DATA_KEYS = Set.of(
            "statement_response",
            "statementresponse",
            "query_result",
            "queryresult",
            "data_array",
            "dataarray",
            "manifest",
            "external_links",
            "externallinks");
    private static final Set<String> ID_KEYS = Set.of("attachment_id", "attachmentid", "id");
    private static final Set<String> TEXT_LIST_KEYS = Set.of("textattachments", "text_attachments");
    private static final Set<String> TEXT_KEYS = Set.of("final_answer", "finalanswer", "answer", "summary");
    private static final Set<String> SUGGESTION_KEYS = Set.of("suggestedquestions", "suggested_questions");

    /** The guarded Genie answer (a copy), and one reason per withheld attachment. */
    public record Guarded(Map<String, Object> result, List<String> withheld) {
        public boolean anyWithheld() {
            return !withheld.isEmpty();
        }
    }

    private final ResultSizeEnforcer sizes;

    public GenieAttachmentGuard(ResultSizeEnforcer sizes) {
        this.sizes = sizes;
    }

    /**
     * @param executed the guard's verdict on SQL that already ran: {@link GuardDecision.Allowed} only when it provably
     *        reads no SCI data
     */
    public Mono<Guarded> guard(
            Map<String, Object> genieAnswer, Function<String, Mono<GuardDecision>> executed, GuardLimits limits) {
        Map<String, Object> copy = JsonTrees.object(JsonTrees.copy(genieAnswer));
        List<Map<String, Object>> attachments = new ArrayList<>();
        collectAttachments(copy, attachments, true);
        if (attachments.isEmpty()) {
            return Mono.just(new Guarded(copy, List.of()));
        }
        Set<String> sqls = new LinkedHashSet<>();
        attachments.forEach(a -> {
            String sql = sqlOf(a);
            if (sql != null) {
                sqls.add(sql);
            }
        });
        return Flux.fromIterable(sqls)
                .concatMap(sql -> executed.apply(sql).map(decision -> Map.entry(sql, decision)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(decisions -> apply(copy, attachments, decisions, limits));
    }

    private Guarded apply(
            Map<String, Object> copy,
            List<Map<String, Object>> attachments,
            Map<String, GuardDecision> decisions,
            GuardLimits limits) {
        List<String> withheld = new ArrayList<>();
        for (Map<String, Object> attachment : attachments) {
            String sql = sqlOf(attachment);
            GuardDecision decision = sql == null ? null : decisions.get(sql);
            if (decision instanceof GuardDecision.Allowed) {
                capData(attachment, limits);
                continue;
            }
            String reason = sql == null ? NO_SQL : UNVERIFIED;
            Map<String, Object> ids = new LinkedHashMap<>();
            attachment.forEach((k, v) -> {
                if (ID_KEYS.contains(k.toLowerCase(java.util.Locale.ROOT))
                        && !(v instanceof Map || v instanceof List)) {
                    ids.put(k, v);
                }
            });
            attachment.clear();
            attachment.putAll(ids);
            attachment.put("withheld", reason);
            withheld.add(reason);
        }
        if (!withheld.isEmpty()) {
            replaceTexts(
                    copy,
                    "Lakegate withheld " + withheld.size() + " query result(s) of this Genie answer and "
                            + "Genie's summary of them: " + UNVERIFIED + ".",
                    new IdentityHashMap<>());
        }
        return new Guarded(copy, withheld);
    }

    /**
     * Every object carrying SQL or data, outermost first; the root counts only when it carries data itself (a bare
     * statement response), since a Genie message's {@code query} can also be an object holding the SQL.
     */
    private static void collectAttachments(Object node, List<Map<String, Object>> out, boolean root) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = JsonTrees.object(raw);
            if (isAttachment(map, root)) {
                out.add(map);
                return;
            }
            map.values().forEach(v -> collectAttachments(v, out, false));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectAttachments(v, out, false));
        }
    }

    private static boolean isAttachment(Map<String, Object> map, boolean root) {
        for (String key : map.keySet()) {
            String k = key.toLowerCase(java.util.Locale.ROOT);
            if (DATA_KEYS.contains(k)) {
                return true;
            }
            if (!root && SQL_KEYS.contains(k) && (map.get(key) instanceof String || sqlInside(map.get(key)) != null)) {
                return true;
            }
        }
        return false;
    }

    /** The attachment's SQL: {@code query}/{@code sql} as text, or inside a REST-shaped {@code query} object. */
    static String sqlOf(Map<String, Object> attachment) {
        for (Map.Entry<String, Object> e : attachment.entrySet()) {
            if (!SQL_KEYS.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            if (e.getValue() instanceof String s && !s.isBlank()) {
                return s;
            }
            String inner = sqlInside(e.getValue());
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static String sqlInside(Object node) {
        Map<String, Object> map = JsonTrees.object(node);
        if (map == null) {
            return null;
        }
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (SQL_KEYS.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))
                    && e.getValue() instanceof String s
                    && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    /** Replaces every text answer of the tree by {@code note}: summaries are derived from the withheld rows. */
    private static void replaceTexts(Object node, String note, Map<Object, Boolean> seen) {
        if (node instanceof Map<?, ?> raw && seen.put(raw, true) == null) {
            Map<String, Object> map = JsonTrees.object(raw);
            for (Map.Entry<String, Object> e : map.entrySet()) {
                String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
                if (TEXT_LIST_KEYS.contains(k)) {
                    e.setValue(List.of(note));
                } else if (TEXT_KEYS.contains(k) && (e.getValue() instanceof String || e.getValue() instanceof Map)) {
                    e.setValue(note);
                } else if (SUGGESTION_KEYS.contains(k)) {
                    e.setValue(List.of());
                } else if ("text".equals(k) && e.getValue() instanceof Map<?, ?> text) {
                    // REST message attachments: {"text": {"id", "content", "purpose"}}
                    Map<String, Object> t = JsonTrees.object(text);
                    if (t.containsKey("content")) {
                        t.put("content", note);
                    }
                } else {
                    replaceTexts(e.getValue(), note, seen);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(v -> replaceTexts(v, note, seen));
        }
    }

    private void capData(Map<String, Object> attachment, GuardLimits limits) {
        for (String key : List.copyOf(attachment.keySet())) {
            String k = key.toLowerCase(java.util.Locale.ROOT);
            if (!DATA_KEYS.contains(k)) {
                continue;
            }
            Map<String, Object> response = JsonTrees.object(attachment.get(key));
            if (response != null
                    && ("statement_response".equals(k)
                            || "statementresponse".equals(k)
                            || "query_result".equals(k)
                            || "queryresult".equals(k))) {
                ResultSizeEnforcer.Enforced enforced = sizes.enforce(response, limits);
                attachment.put(key, enforced.result());
                if (enforced.truncated()) {
                    attachment.put("truncated", enforced.note());
                }
            }
        }
    }
}
