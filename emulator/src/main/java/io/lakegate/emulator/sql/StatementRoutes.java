package io.lakegate.emulator.sql;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.auth.Callers;
import io.lakegate.emulator.http.ApiException;
import io.lakegate.emulator.http.Bodies;
import io.lakegate.emulator.http.Responses;
import io.lakegate.emulator.warehouse.WarehouseRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** SQL Statement Execution API: execute, poll, fetch chunk 0, cancel. Failed statements are HTTP 200 + FAILED. */
public final class StatementRoutes {

    private static final Pattern WAIT = Pattern.compile("(\\d+)s");

    private final StatementService statements;
    private final WarehouseRoutes warehouses;
    private final AccessPolicy access;
    private final String defaultCatalog;
    private final String defaultSchema;

    public StatementRoutes(
            StatementService statements,
            WarehouseRoutes warehouses,
            AccessPolicy access,
            String defaultCatalog,
            String defaultSchema) {
        this.statements = statements;
        this.warehouses = warehouses;
        this.access = access;
        this.defaultCatalog = defaultCatalog;
        this.defaultSchema = defaultSchema;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/api/2.0/sql/statements", this::execute)
                .POST("/api/2.0/sql/statements/", this::execute)
                .GET("/api/2.0/sql/statements/{id}", this::get)
                .GET("/api/2.0/sql/statements/{id}/result/chunks/{index}", this::chunk)
                .POST("/api/2.0/sql/statements/{id}/cancel", this::cancel)
                .build();
    }

    private Mono<ServerResponse> execute(ServerRequest req) {
        String user = Callers.user(req);
        return Bodies.json(req).flatMap(body -> {
            String sql = Bodies.text(body, "statement");
            if (sql == null || sql.isBlank()) {
                throw ApiException.invalidParameter("Field 'statement' is required.");
            }
            String warehouseId = Bodies.text(body, "warehouse_id");
            requireUsableWarehouse(user, warehouseId);
            String disposition = orDefault(Bodies.text(body, "disposition"), "INLINE");
            String format = orDefault(Bodies.text(body, "format"), "JSON_ARRAY");
            if (!disposition.equals("INLINE")) {
                throw ApiException.invalidParameter(
                        "disposition " + disposition + " is not available in this workspace; use INLINE.");
            }
            if (!format.equals("JSON_ARRAY")) {
                throw ApiException.invalidParameter("format " + format + " requires disposition EXTERNAL_LINKS.");
            }
            Duration wait = waitTimeout(orDefault(Bodies.text(body, "wait_timeout"), "10s"));
            String onTimeout = orDefault(Bodies.text(body, "on_wait_timeout"), "CONTINUE");
            if (!onTimeout.equals("CONTINUE") && !onTimeout.equals("CANCEL")) {
                throw ApiException.invalidParameter("on_wait_timeout must be CONTINUE or CANCEL.");
            }
            Integer rowLimit = rowLimit(body.get("row_limit"));
            SqlEngine.Request request = new SqlEngine.Request(
                    user,
                    sql,
                    orDefault(Bodies.text(body, "catalog"), defaultCatalog),
                    orDefault(
                            Bodies.text(body, "schema"),
                            Bodies.text(body, "catalog") == null ? defaultSchema : "default"),
                    parameters(body.get("parameters")),
                    rowLimit,
                    true,
                    "statement-execution");
            return statements
                    .submit(request, wait, onTimeout.equals("CANCEL"))
                    .flatMap(rec -> Responses.ok(StatementJson.response(rec)));
        });
    }

    private Mono<ServerResponse> get(ServerRequest req) {
        return Responses.ok(StatementJson.response(find(req)));
    }

    private Mono<ServerResponse> chunk(ServerRequest req) {
        StatementRecord rec = find(req);
        String index = req.pathVariable("index");
        if (!rec.state().equals("SUCCEEDED")) {
            throw new ApiException(
                    400,
                    "INVALID_STATE",
                    "Statement " + rec.id() + " is " + rec.state()
                            + "; results are only available for SUCCEEDED statements.");
        }
        if (!index.equals("0")) {
            throw ApiException.invalidParameter("chunk_index " + index + " is out of range; the result has 1 chunk.");
        }
        return Responses.ok(StatementJson.chunk(rec.result()));
    }

    private Mono<ServerResponse> cancel(ServerRequest req) {
        find(req).cancel();
        return Responses.ok(Map.of());
    }

    private StatementRecord find(ServerRequest req) {
        String id = req.pathVariable("id");
        return statements
                .find(id, Callers.user(req))
                .orElseThrow(
                        () -> ApiException.notFound("RESOURCE_DOES_NOT_EXIST", "Statement " + id + " does not exist."));
    }

    void requireUsableWarehouse(String user, String warehouseId) {
        if (warehouseId == null || warehouseId.isBlank()) {
            throw ApiException.invalidParameter("Field 'warehouse_id' is required.");
        }
        warehouses
                .find(warehouseId)
                .orElseThrow(() -> ApiException.notFound(
                        "RESOURCE_DOES_NOT_EXIST", "Warehouse " + warehouseId + " does not exist."));
        if (!access.canUseWarehouse(user, warehouseId)) {
            throw ApiException.permissionDenied("User does not have CAN USE on warehouse " + warehouseId + ".");
        }
    }

    private static Duration waitTimeout(String v) {
        Matcher m = WAIT.matcher(v);
        if (!m.matches()) {
            throw ApiException.invalidParameter("wait_timeout must look like '10s', got '" + v + "'.");
        }
        long s = Long.parseLong(m.group(1));
        if (s != 0 && (s < 5 || s > 50)) {
            throw ApiException.invalidParameter("wait_timeout must be 0s or between 5s and 50s, got '" + v + "'.");
        }
        return Duration.ofSeconds(s);
    }

    private static Integer rowLimit(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToLong() || n.asLong() < 0) {
            throw ApiException.invalidParameter("row_limit must be a non-negative integer.");
        }
        return (int) Math.min(Integer.MAX_VALUE, n.asLong());
    }

    private static List<SqlEngine.Param> parameters(JsonNode n) {
        List<SqlEngine.Param> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw ApiException.invalidParameter("parameters must be a list of {name, value, type}.");
        }
        for (JsonNode p : n) {
            String name = Bodies.text(p, "name");
            if (name == null || name.isBlank()) {
                throw ApiException.invalidParameter("Every parameter needs a name.");
            }
            out.add(new SqlEngine.Param(name, Bodies.text(p, "value"), Bodies.text(p, "type")));
        }
        return out;
    }

    private static String orDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v;
    }
}
