package io.lakegate.emulator.warehouse;

import static io.lakegate.emulator.http.Json.obj;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.auth.Callers;
import io.lakegate.emulator.fault.Switches;
import io.lakegate.emulator.http.ApiException;
import io.lakegate.emulator.http.Paging;
import io.lakegate.emulator.http.Responses;
import io.lakegate.emulator.seed.Seed;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** SQL warehouses (EndpointInfo), visible to users with CAN_USE. */
public final class WarehouseRoutes {

    private final List<Seed.Warehouse> warehouses;
    private final AccessPolicy access;
    private final String creator;
    private final Switches switches;

    public WarehouseRoutes(Seed seed, AccessPolicy access, Switches switches) {
        this.switches = switches;
        this.warehouses = seed.warehouses().stream()
                .sorted(java.util.Comparator.comparing(Seed.Warehouse::name))
                .toList();
        this.access = access;
        this.creator = seed.users().stream()
                .filter(Seed.User::metastoreAdmin)
                .map(Seed.User::userName)
                .findFirst()
                .orElse(null);
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/api/2.0/sql/warehouses", this::list)
                .GET("/api/2.0/sql/warehouses/{id}", this::get)
                .build();
    }

    public Optional<Seed.Warehouse> find(String id) {
        return warehouses.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /** The first warehouse the user may use, for statements and MCP calls that name none. */
    public Optional<Seed.Warehouse> firstUsable(String user) {
        return warehouses.stream()
                .filter(w -> access.canUseWarehouse(user, w.id()))
                .findFirst();
    }

    private Mono<ServerResponse> list(ServerRequest req) {
        String user = Callers.user(req);
        List<Seed.Warehouse> visible = warehouses.stream()
                .filter(w -> access.canUseWarehouse(user, w.id()))
                .toList();
        Paging.Page<Seed.Warehouse> page = Paging.workspace(req, visible, null, 100, "warehouses");
        return Responses.ok(obj(
                "warehouses",
                page.items().stream().map(w -> json(w, req.uri())).toList(),
                "next_page_token",
                page.nextPageToken()));
    }

    private Mono<ServerResponse> get(ServerRequest req) {
        String user = Callers.user(req);
        String id = req.pathVariable("id");
        Seed.Warehouse w = find(id).orElseThrow(
                        () -> ApiException.notFound("RESOURCE_DOES_NOT_EXIST", "Warehouse " + id + " does not exist."));
        if (!access.canUseWarehouse(user, id)) {
            throw ApiException.permissionDenied("User does not have CAN USE on warehouse " + id + ".");
        }
        return Responses.ok(json(w, req.uri()));
    }

    private Map<String, Object> json(Seed.Warehouse w, URI requestUri) {
        String state = switches.warehousesStopped() ? "STOPPED" : w.state();
        boolean running = "RUNNING".equals(state);
        String host = requestUri.getHost();
        int port = requestUri.getPort();
        String path = "/sql/1.0/warehouses/" + w.id();
        return obj(
                "id",
                w.id(),
                "name",
                w.name(),
                "cluster_size",
                w.clusterSize(),
                "min_num_clusters",
                1,
                "max_num_clusters",
                1,
                "auto_stop_mins",
                w.enableServerlessCompute() ? 10 : 45,
                "creator_name",
                creator,
                "tags",
                Map.of("custom_tags", List.of(Map.of("key", "team", "value", "lakegate"))),
                "spot_instance_policy",
                "COST_OPTIMIZED",
                "enable_photon",
                true,
                "channel",
                Map.of("name", "CHANNEL_NAME_CURRENT"),
                "enable_serverless_compute",
                w.enableServerlessCompute(),
                "warehouse_type",
                w.warehouseType(),
                "num_clusters",
                running ? 1 : 0,
                "num_active_sessions",
                0,
                "state",
                state,
                "jdbc_url",
                "jdbc:databricks://" + host + ":" + port + "/default;transportMode=http;ssl=1;AuthMech=3;httpPath="
                        + path + ";",
                "odbc_params",
                obj("hostname", host, "path", path, "protocol", "https", "port", port),
                "health",
                running ? obj("status", "HEALTHY") : null);
    }
}
