package io.lakegate.emulator.mcp;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.auth.Callers;
import io.lakegate.emulator.fault.Switches;
import io.lakegate.emulator.genie.GenieOne;
import io.lakegate.emulator.genie.GenieService;
import io.lakegate.emulator.http.ApiException;
import io.lakegate.emulator.http.Responses;
import io.lakegate.emulator.seed.Seed;
import io.lakegate.emulator.sql.StatementService;
import io.lakegate.emulator.warehouse.WarehouseRoutes;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The managed MCP endpoints: {@code /api/2.0/mcp/genie/{space_id}} per Genie space, Genie One at
 * {@code /api/2.0/mcp/genie} and {@code /api/2.0/mcp/sql}.
 * Unknown spaces fall through to the 404 ENDPOINT_NOT_FOUND route; a space the caller may not run is a 403.
 */
public final class ManagedMcpRoutes implements AutoCloseable {

    private final McpEndpoints endpoints = new McpEndpoints();
    private final RouterFunction<ServerResponse> routes;

    public ManagedMcpRoutes(
            GenieService genie,
            GenieOne genieOne,
            StatementService statements,
            WarehouseRoutes warehouses,
            AccessPolicy access,
            String defaultCatalog,
            String defaultSchema,
            Switches switches) {
        RouterFunction<ServerResponse> all = endpoints.endpoint(
                "/api/2.0/mcp/sql",
                "Databricks SQL: run SQL on a SQL warehouse as the signed-in user. Use execute_sql_read_only for queries.",
                new SqlMcpTools(statements, warehouses, access, defaultCatalog, defaultSchema).tools());
        RouterFunction<ServerResponse> one = endpoints.endpoint(
                "/api/2.0/mcp/genie",
                "Genie One: ask natural-language questions about the data you can use with genie_ask, then poll with "
                        + "genie_poll_response.",
                GenieOneMcpTools.tools(genieOne, switches));
        // a workspace without the Genie One preview has no such endpoint
        all = all.and(one.filter((req, next) -> switches.genieOneDisabled()
                ? Responses.error(ApiException.notFound("ENDPOINT_NOT_FOUND", "Endpoint not found for /2.0/mcp/genie."))
                : next.handle(req)));
        for (Seed.GenieSpace space : genie.spaces().all()) {
            RouterFunction<ServerResponse> r = endpoints.endpoint(
                    "/api/2.0/mcp/genie/" + space.spaceId(),
                    "Genie space '" + space.title() + "': " + space.description() + ". Ask with query_space_"
                            + space.spaceId() + ", then poll with poll_response_" + space.spaceId() + ".",
                    GenieMcpTools.forSpace(space, genie, switches));
            all = all.and(r.filter((req, next) -> {
                if (!access.canRunSpace(Callers.user(req), space.spaceId())) {
                    return Responses.error(new ApiException(
                            403,
                            "PERMISSION_DENIED",
                            "User does not have CAN RUN on Genie space " + space.spaceId() + "."));
                }
                return next.handle(req);
            }));
        }
        this.routes = all;
    }

    public RouterFunction<ServerResponse> routes() {
        return routes;
    }

    @Override
    public void close() {
        endpoints.close();
    }
}
