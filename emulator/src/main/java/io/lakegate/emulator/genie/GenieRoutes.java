package io.lakegate.emulator.genie;

import static io.lakegate.emulator.http.Json.obj;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.auth.Callers;
import io.lakegate.emulator.http.ApiException;
import io.lakegate.emulator.http.Bodies;
import io.lakegate.emulator.http.Json;
import io.lakegate.emulator.http.Paging;
import io.lakegate.emulator.http.Responses;
import io.lakegate.emulator.seed.Seed;
import java.util.List;
import java.util.Map;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Genie REST API (spaces, conversation flow) and the workspace entity tag API for Genie spaces. */
public final class GenieRoutes {

    private static final String SPACE = "/api/2.0/genie/spaces/{space_id}";

    private final GenieService genie;
    private final AccessPolicy access;
    private final String parentPath;

    public GenieRoutes(GenieService genie, AccessPolicy access, String parentPath) {
        this.genie = genie;
        this.access = access;
        this.parentPath = parentPath;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/api/2.0/genie/spaces", this::list)
                .GET(SPACE, this::get)
                .POST(SPACE + "/start-conversation", this::start)
                .POST(SPACE + "/conversations/{conversation_id}/messages", this::followUp)
                .GET(SPACE + "/conversations/{conversation_id}/messages/{message_id}", this::poll)
                .GET(
                        SPACE
                                + "/conversations/{conversation_id}/messages/{message_id}/attachments/{attachment_id}/query-result",
                        this::queryResult)
                .GET("/api/2.0/entity-tag-assignments/{entity_type}/{entity_id}/tags", this::tags)
                .GET("/api/2.0/entity-tag-assignments/{entity_type}/{entity_id}/tags/{tag_key}", this::tag)
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest req) {
        String user = Callers.user(req);
        Paging.Page<Seed.GenieSpace> page =
                Paging.workspace(req, genie.spaces().visibleTo(user), 20, 100, "genie-spaces");
        return Responses.ok(obj(
                "spaces",
                page.items().stream().map(s -> GenieJson.space(s, parentPath)).toList(),
                "next_page_token",
                page.nextPageToken()));
    }

    private Mono<ServerResponse> get(ServerRequest req) {
        String user = Callers.user(req);
        Seed.GenieSpace s = genie.spaces().runnable(user, req.pathVariable("space_id"));
        Map<String, Object> body = GenieJson.space(s, parentPath);
        if (req.queryParam("include_serialized_space")
                .map(Boolean::parseBoolean)
                .orElse(false)) {
            if (!access.isAdmin(user)) {
                throw ApiException.permissionDenied(
                        "include_serialized_space requires CAN EDIT on Genie space " + s.spaceId() + ".");
            }
            body.put(
                    "serialized_space",
                    Json.write(obj(
                            "version",
                            1,
                            "data_sources",
                            obj(
                                    "tables",
                                    s.tables().stream()
                                            .map(t -> Map.of("identifier", t))
                                            .toList()),
                            "instructions",
                            obj(
                                    "example_question_sqls",
                                    s.questions().stream()
                                            .map(q ->
                                                    Map.of("question", List.of(q.question()), "sql", List.of(q.sql())))
                                            .toList()))));
        }
        return Responses.ok(body);
    }

    private Mono<ServerResponse> start(ServerRequest req) {
        String user = Callers.user(req);
        String spaceId = req.pathVariable("space_id");
        return Bodies.json(req)
                .flatMap(body -> genie.ask(user, spaceId, null, Bodies.text(body, "content")))
                .flatMap(m -> {
                    GenieService.Conversation c = genie.conversation(user, spaceId, m.conversationId());
                    return Responses.ok(obj(
                            "conversation_id",
                            c.id(),
                            "message_id",
                            m.id(),
                            "conversation",
                            GenieJson.conversation(c),
                            "message",
                            GenieJson.message(m)));
                });
    }

    private Mono<ServerResponse> followUp(ServerRequest req) {
        String user = Callers.user(req);
        String spaceId = req.pathVariable("space_id");
        String conversationId = req.pathVariable("conversation_id");
        return Bodies.json(req)
                .flatMap(body -> genie.ask(user, spaceId, conversationId, Bodies.text(body, "content")))
                .flatMap(m -> Responses.ok(GenieJson.message(m)));
    }

    private Mono<ServerResponse> poll(ServerRequest req) {
        GenieMessage m = genie.poll(
                Callers.user(req),
                req.pathVariable("space_id"),
                req.pathVariable("conversation_id"),
                req.pathVariable("message_id"));
        return Responses.ok(GenieJson.message(m));
    }

    private Mono<ServerResponse> queryResult(ServerRequest req) {
        GenieMessage m = genie.message(
                Callers.user(req),
                req.pathVariable("space_id"),
                req.pathVariable("conversation_id"),
                req.pathVariable("message_id"));
        String status = m.status();
        if (!req.pathVariable("attachment_id").equals(m.queryAttachmentId())
                || !(status.equals("EXECUTING_QUERY") || status.equals("COMPLETED"))) {
            throw ApiException.notFound(
                    "RESOURCE_DOES_NOT_EXIST",
                    "Query attachment " + req.pathVariable("attachment_id") + " does not exist on message " + m.id()
                            + ".");
        }
        return Responses.ok(GenieJson.queryResult(m));
    }

    private Mono<ServerResponse> tags(ServerRequest req) {
        Seed.GenieSpace s = taggedSpace(req);
        List<Map<String, Object>> tags = s.tags() == null
                ? List.of()
                : s.tags().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(t -> tag(s, t.getKey(), t.getValue()))
                        .toList();
        Paging.Page<Map<String, Object>> page = Paging.workspace(req, tags, 100, 1000, "ws-tags:" + s.spaceId());
        return Responses.ok(obj("tag_assignments", page.items(), "next_page_token", page.nextPageToken()));
    }

    private Mono<ServerResponse> tag(ServerRequest req) {
        Seed.GenieSpace s = taggedSpace(req);
        String key = req.pathVariable("tag_key");
        if (s.tags() == null || !s.tags().containsKey(key)) {
            throw ApiException.notFound(
                    "RESOURCE_DOES_NOT_EXIST",
                    "Tag assignment with key '" + key + "' does not exist on geniespaces '" + s.spaceId() + "'.");
        }
        return Responses.ok(tag(s, key, s.tags().get(key)));
    }

    private static Map<String, Object> tag(Seed.GenieSpace s, String key, String value) {
        return obj(
                "entity_type",
                "geniespaces",
                "entity_id",
                s.spaceId(),
                "tag_key",
                key,
                "tag_value",
                value == null || value.isEmpty() ? null : value);
    }

    private Seed.GenieSpace taggedSpace(ServerRequest req) {
        String type = req.pathVariable("entity_type");
        String id = req.pathVariable("entity_id");
        switch (type) {
            case "geniespaces" -> {
                return genie.spaces().runnable(Callers.user(req), id);
            }
            case "apps", "dashboards", "notebooks" ->
                throw ApiException.notFound(
                        "RESOURCE_DOES_NOT_EXIST", "The " + type + " entity '" + id + "' does not exist.");
            default ->
                throw ApiException.invalidParameter("Invalid entity_type '" + type
                        + "': expected one of apps, dashboards, geniespaces, notebooks.");
        }
    }
}
