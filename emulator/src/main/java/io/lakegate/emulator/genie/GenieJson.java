package io.lakegate.emulator.genie;

import static io.lakegate.emulator.http.Json.obj;

import io.lakegate.emulator.seed.Seed;
import io.lakegate.emulator.sql.StatementJson;
import io.lakegate.emulator.sql.StatementRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Genie JSON: REST snake_case (GenieMessage, GenieConversation) and the managed-MCP camelCase result. */
public final class GenieJson {

    private GenieJson() {}

    static Map<String, Object> space(Seed.GenieSpace s, String parentPath) {
        return obj(
                "space_id",
                s.spaceId(),
                "title",
                s.title(),
                "description",
                s.description(),
                "warehouse_id",
                s.warehouseId(),
                "parent_path",
                parentPath,
                "etag",
                Integer.toHexString(s.hashCode()));
    }

    static Map<String, Object> conversation(GenieService.Conversation c) {
        return obj(
                "conversation_id",
                c.id(),
                "id",
                c.id(),
                "space_id",
                c.spaceId(),
                "user_id",
                c.userId(),
                "title",
                c.title(),
                "created_timestamp",
                c.createdAt(),
                "last_updated_timestamp",
                c.createdAt());
    }

    static Map<String, Object> message(GenieMessage m) {
        String status = m.status();
        Map<String, Object> body = obj(
                "message_id",
                m.id(),
                "id",
                m.id(),
                "conversation_id",
                m.conversationId(),
                "space_id",
                m.space().spaceId(),
                "user_id",
                m.userId(),
                "content",
                m.content(),
                "status",
                status,
                "created_timestamp",
                m.createdAt(),
                "last_updated_timestamp",
                m.updatedAt());
        List<Map<String, Object>> attachments = new ArrayList<>();
        if (status.equals("EXECUTING_QUERY") || status.equals("COMPLETED")) {
            attachments.add(obj("attachment_id", m.queryAttachmentId(), "query", queryAttachment(m)));
        }
        if (status.equals("COMPLETED")) {
            // no "purpose": answers carry none in SDK 0.141's model (only FOLLOW_UP_QUESTION exists there)
            attachments.add(obj(
                    "attachment_id",
                    m.textAttachmentId(),
                    "text",
                    obj("id", m.textAttachmentId(), "content", GenieService.answer(m))));
            List<String> suggestions = suggestions(m);
            if (!suggestions.isEmpty()) {
                attachments.add(
                        obj("attachment_id", m.id() + "-s", "suggested_questions", obj("questions", suggestions)));
            }
        }
        if (!attachments.isEmpty()) {
            body.put("attachments", attachments);
        }
        if (status.equals("FAILED")) {
            body.put("error", error(m));
        }
        return body;
    }

    private static Map<String, Object> queryAttachment(GenieMessage m) {
        StatementRecord s = m.statement();
        Map<String, Object> q = obj(
                "id",
                m.queryAttachmentId(),
                "title",
                m.question().description(),
                "description",
                m.question().description(),
                "query",
                m.question().sql(),
                "statement_id",
                s.id(),
                "last_updated_timestamp",
                m.updatedAt());
        if (s.result() != null) {
            q.put(
                    "query_result_metadata",
                    obj(
                            "row_count",
                            s.result().rows().size(),
                            "is_truncated",
                            s.result().truncated()));
        }
        return q;
    }

    private static Map<String, Object> error(GenieMessage m) {
        if (m.failure() != null) {
            return obj(
                    "error", "You do not have access to the SQL warehouse of this Genie space.", "type", m.failure());
        }
        return obj(
                "error",
                m.statement().failure() == null
                        ? "The query was canceled."
                        : m.statement().failure().getMessage(),
                "type",
                "SQL_EXECUTION_EXCEPTION");
    }

    private static List<String> suggestions(GenieMessage m) {
        return m.space().questions().stream()
                .map(Seed.Question::question)
                .filter(q -> !q.equalsIgnoreCase(m.question().question()))
                .limit(3)
                .toList();
    }

    /** The statement_response of the query attachment (REST query-result endpoint), snake_case. */
    static Map<String, Object> queryResult(GenieMessage m) {
        return obj("statement_response", StatementJson.response(m.statement()));
    }

    /** The managed-MCP result: camelCase ids and attachments, proto-JSON cells ({@code {"values":[{"string_value":..}]}}). */
    public static Map<String, Object> mcpResult(GenieMessage m) {
        String status = m.status();
        return obj(
                "conversationId",
                m.conversationId(),
                "messageId",
                m.id(),
                "status",
                status,
                "content",
                mcpContent(m, status));
    }

    /**
     * The camelCase {@code content} of an answer in {@code status}: the query attachment once the query runs, the answer
     * text once completed, the error text when failed. Genie One reports its own status set and passes it here.
     */
    static Map<String, Object> mcpContent(GenieMessage m, String status) {
        Map<String, Object> content = new java.util.LinkedHashMap<>();
        List<String> text = new ArrayList<>();
        List<Map<String, Object>> queries = new ArrayList<>();
        if (status.equals("EXECUTING_QUERY") || status.equals("COMPLETED")) {
            queries.add(obj(
                    "query",
                    m.question().sql(),
                    "description",
                    m.question().description(),
                    "statement_response",
                    mcpStatement(m.statement())));
        }
        if (status.equals("COMPLETED")) {
            text.add(GenieService.answer(m));
        }
        if (status.equals("FAILED")) {
            text.add((String) error(m).get("error"));
        }
        content.put("textAttachments", text);
        content.put("queryAttachments", queries);
        content.put("suggestedQuestions", status.equals("COMPLETED") ? suggestions(m) : List.of());
        return content;
    }

    /**
     * The same answer in the text-only shape: snake_case keys ({@code conversation_id}, {@code message_id},
     * {@code content.text_attachments}, {@code content.query_attachments}, {@code content.suggested_questions}); the
     * statement_response inside is snake_case in both shapes.
     */
    public static Map<String, Object> mcpTextResult(GenieMessage m) {
        Map<String, Object> camel = mcpResult(m);
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) camel.get("content");
        return obj(
                "conversation_id",
                camel.get("conversationId"),
                "message_id",
                camel.get("messageId"),
                "status",
                camel.get("status"),
                "content",
                obj(
                        "text_attachments",
                        content.get("textAttachments"),
                        "query_attachments",
                        content.get("queryAttachments"),
                        "suggested_questions",
                        content.get("suggestedQuestions")));
    }

    private static Map<String, Object> mcpStatement(StatementRecord s) {
        Map<String, Object> out = obj("statement_id", s.id(), "status", obj("state", s.state()));
        if (s.result() != null) {
            List<Map<String, Object>> cols = s.result().columns().stream()
                    .map(c -> obj("name", c.name(), "type_name", c.typeName()))
                    .toList();
            out.put(
                    "manifest",
                    obj(
                            "format",
                            "JSON_ARRAY",
                            "schema",
                            obj("columns", cols),
                            "total_row_count",
                            s.result().rows().size()));
            out.put("result", obj("data_array", protoRows(s.result().rows())));
        }
        return out;
    }

    public static List<Map<String, Object>> protoRows(List<List<String>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<String> row : rows) {
            List<Map<String, Object>> values = new ArrayList<>();
            for (String cell : row) {
                values.add(cell == null ? Map.of() : Map.of("string_value", cell));
            }
            out.add(Map.of("values", values));
        }
        return out;
    }
}
