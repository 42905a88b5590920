package io.lakegate.emulator.uc;

import static io.lakegate.emulator.http.Json.obj;

import io.lakegate.emulator.auth.Callers;
import io.lakegate.emulator.fault.Switches;
import io.lakegate.emulator.http.ApiException;
import io.lakegate.emulator.http.Paging;
import io.lakegate.emulator.http.Responses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * UC per-entity tag API: {@code GET /api/2.1/unity-catalog/entity-tag-assignments/{entity_type}/{entity_name}/tags}
 * (paginated like every UC list) and {@code .../tags/{tag_key}}. Tags are the object's own (no inheritance).
 */
public final class EntityTagRoutes {

    private static final String BASE = "/api/2.1/unity-catalog/entity-tag-assignments/{entity_type}/{entity_name}/tags";

    private final UcLookups lookups;
    private final IntSupplier serverPageSize;
    private final Switches switches;

    public EntityTagRoutes(UcLookups lookups, IntSupplier serverPageSize, Switches switches) {
        this.switches = switches;
        this.lookups = lookups;
        this.serverPageSize = serverPageSize;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(BASE, this::list)
                .GET(BASE + "/{tag_key}", this::getOne)
                .filter((req, next) -> {
                    if (switches.entityTagApiDisabled()) {
                        // What Databricks answers for an API the workspace does not serve (e.g. a preview not enabled)
                        return Responses.error(ApiException.notFound(
                                "ENDPOINT_NOT_FOUND",
                                "No API found for '" + req.method() + " "
                                        + req.path().replaceFirst("^/api/[0-9.]+", "") + "'"));
                    }
                    return next.handle(req);
                })
                .build();
    }

    private record Entity(String type, String name, Map<String, String> tags, String owner, long updatedAt) {}

    private Mono<ServerResponse> list(ServerRequest req) {
        Entity e = entity(req);
        List<Map<String, Object>> all = new ArrayList<>();
        e.tags().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(t -> all.add(assignment(e, t.getKey(), t.getValue())));
        Paging.Page<Map<String, Object>> page =
                Paging.unityCatalog(req, all, serverPageSize.getAsInt(), "tags:" + e.type() + ":" + e.name());
        return Responses.ok(obj("tag_assignments", page.items(), "next_page_token", page.nextPageToken()));
    }

    private Mono<ServerResponse> getOne(ServerRequest req) {
        Entity e = entity(req);
        String key = req.pathVariable("tag_key");
        String value = e.tags().get(key);
        if (value == null && !e.tags().containsKey(key)) {
            throw ApiException.notFound(
                    "RESOURCE_DOES_NOT_EXIST",
                    "Tag assignment with key '" + key + "' does not exist on " + e.type() + " '" + e.name() + "'.");
        }
        return Responses.ok(assignment(e, key, value));
    }

    private static Map<String, Object> assignment(Entity e, String key, String value) {
        Map<String, Object> a = obj(
                "entity_type",
                e.type(),
                "entity_name",
                e.name(),
                "tag_key",
                key,
                "tag_value",
                value == null || value.isEmpty() ? null : value,
                "update_time",
                Instant.ofEpochMilli(e.updatedAt()).toString(),
                "updated_by",
                e.owner());
        // automatic data classification writes class.* tags itself and says so; user tags carry no source_type
        if (key.startsWith(SYSTEM_CLASS_PREFIX)) {
            a.put("source_type", "TAG_ASSIGNMENT_SOURCE_TYPE_SYSTEM_DATA_CLASSIFICATION");
        }
        return a;
    }

    /** The key prefix of the tags Databricks' automatic data classification assigns (class.email_address, ...). */
    static final String SYSTEM_CLASS_PREFIX = "class.";

    private Entity entity(ServerRequest req) {
        String user = Callers.user(req);
        String type = req.pathVariable("entity_type");
        String name = req.pathVariable("entity_name");
        return switch (type) {
            case "catalogs" -> {
                UcCatalog c = lookups.usableCatalog(user, name);
                yield new Entity(type, c.name(), c.tags(), c.owner(), c.createdAt());
            }
            case "schemas" -> {
                UcSchema s = lookups.usableSchema(user, name);
                yield new Entity(type, s.fullName(), s.tags(), s.owner(), s.createdAt());
            }
            case "tables" -> {
                UcTable t = lookups.visibleTable(user, name);
                yield new Entity(type, t.fullName(), t.tags(), t.owner(), t.createdAt());
            }
            case "columns" -> {
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    throw ApiException.invalidParameter(
                            "Invalid column name '" + name + "': expected catalog.schema.table.column.");
                }
                UcTable t = lookups.visibleTable(user, name.substring(0, dot));
                String column = name.substring(dot + 1);
                UcColumn c = t.columns().stream()
                        .filter(col -> col.name().equalsIgnoreCase(column))
                        .findFirst()
                        .orElseThrow(() -> ApiException.notFound(
                                "RESOURCE_DOES_NOT_EXIST", "Column '" + name + "' does not exist."));
                yield new Entity(type, t.fullName() + "." + c.name(), c.tags(), t.owner(), t.createdAt());
            }
            case "volumes" ->
                throw ApiException.notFound("RESOURCE_DOES_NOT_EXIST", "Volume '" + name + "' does not exist.");
            default ->
                throw ApiException.invalidParameter("Invalid entity_type '" + type
                        + "': expected one of catalogs, schemas, tables, columns, volumes.");
        };
    }
}
