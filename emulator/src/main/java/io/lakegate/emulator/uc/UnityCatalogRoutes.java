package io.lakegate.emulator.uc;

import static io.lakegate.emulator.http.Json.obj;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.auth.Callers;
import io.lakegate.emulator.http.ApiException;
import io.lakegate.emulator.http.Paging;
import io.lakegate.emulator.http.Responses;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Unity Catalog REST: catalogs, schemas, tables, table summaries; every answer filtered by the caller's grants. */
public final class UnityCatalogRoutes {

    private static final String BASE = "/api/2.1/unity-catalog";

    private final Metastore metastore;
    private final AccessPolicy access;
    private final UcJson json;
    private final UcLookups lookups;
    private final IntSupplier serverPageSize;

    public UnityCatalogRoutes(Metastore metastore, AccessPolicy access, IntSupplier serverPageSize) {
        this.metastore = metastore;
        this.access = access;
        this.json = new UcJson(metastore.metastoreId());
        this.lookups = new UcLookups(metastore, access);
        this.serverPageSize = serverPageSize;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(BASE + "/catalogs", this::listCatalogs)
                .GET(BASE + "/catalogs/{name}", this::getCatalog)
                .GET(BASE + "/schemas", this::listSchemas)
                .GET(BASE + "/schemas/{full_name}", this::getSchema)
                .GET(BASE + "/tables", this::listTables)
                .GET(BASE + "/tables/{full_name}/exists", this::tableExists)
                .GET(BASE + "/tables/{full_name}", this::getTable)
                .GET(BASE + "/table-summaries", this::tableSummaries)
                .build();
    }

    private Mono<ServerResponse> listCatalogs(ServerRequest req) {
        String user = Callers.user(req);
        List<UcCatalog> visible = metastore.catalogs().stream()
                .filter(c -> access.seesCatalog(user, c))
                .toList();
        Paging.Page<UcCatalog> page = Paging.unityCatalog(req, visible, serverPageSize.getAsInt(), "catalogs");
        return Responses.ok(obj(
                "catalogs",
                page.items().stream().map(json::catalog).toList(),
                "next_page_token",
                page.nextPageToken()));
    }

    private Mono<ServerResponse> getCatalog(ServerRequest req) {
        return Responses.ok(json.catalog(lookups.usableCatalog(Callers.user(req), req.pathVariable("name"))));
    }

    private Mono<ServerResponse> listSchemas(ServerRequest req) {
        String user = Callers.user(req);
        UcCatalog catalog = lookups.usableCatalog(user, required(req, "catalog_name"));
        List<UcSchema> visible = metastore.schemas(catalog.name()).stream()
                .filter(s -> access.seesSchema(user, s))
                .toList();
        Paging.Page<UcSchema> page =
                Paging.unityCatalog(req, visible, serverPageSize.getAsInt(), "schemas:" + catalog.name());
        return Responses.ok(obj(
                "schemas",
                page.items().stream()
                        .map(s -> json.schema(s, catalog.catalogType()))
                        .toList(),
                "next_page_token",
                page.nextPageToken()));
    }

    private Mono<ServerResponse> getSchema(ServerRequest req) {
        String user = Callers.user(req);
        UcSchema schema = lookups.usableSchema(user, req.pathVariable("full_name"));
        return Responses.ok(json.schema(
                schema, metastore.catalog(schema.catalogName()).orElseThrow().catalogType()));
    }

    private Mono<ServerResponse> listTables(ServerRequest req) {
        String user = Callers.user(req);
        String catalogName = required(req, "catalog_name");
        String schemaName = required(req, "schema_name");
        lookups.usableCatalog(user, catalogName);
        UcSchema schema = lookups.usableSchema(user, catalogName + "." + schemaName);
        List<UcTable> visible = metastore.tables(schema.catalogName(), schema.name()).stream()
                .filter(t -> access.seesTable(user, t))
                .toList();
        Paging.Page<UcTable> page =
                Paging.unityCatalog(req, visible, serverPageSize.getAsInt(), "tables:" + schema.fullName());
        boolean omitColumns = flag(req, "omit_columns");
        boolean omitProperties = flag(req, "omit_properties");
        boolean omitUsername = flag(req, "omit_username");
        return Responses.ok(obj(
                "tables",
                page.items().stream()
                        .map(t -> json.table(t, omitColumns, omitProperties, omitUsername))
                        .toList(),
                "next_page_token",
                page.nextPageToken()));
    }

    private Mono<ServerResponse> getTable(ServerRequest req) {
        UcTable t = lookups.visibleTable(Callers.user(req), req.pathVariable("full_name"));
        return Responses.ok(json.table(t, false, false, false));
    }

    private Mono<ServerResponse> tableExists(ServerRequest req) {
        String user = Callers.user(req);
        String fullName = req.pathVariable("full_name");
        String[] parts = UcLookups.splitName(fullName, 3, "table");
        lookups.usableSchema(user, parts[0] + "." + parts[1]);
        boolean exists =
                metastore.table(fullName).filter(t -> access.seesTable(user, t)).isPresent();
        return Responses.ok(Map.of("table_exists", exists));
    }

    private Mono<ServerResponse> tableSummaries(ServerRequest req) {
        String user = Callers.user(req);
        UcCatalog catalog = lookups.usableCatalog(user, required(req, "catalog_name"));
        Pattern schemaPattern =
                LikePattern.compile(req.queryParam("schema_name_pattern").orElse("%"));
        Pattern tablePattern =
                LikePattern.compile(req.queryParam("table_name_pattern").orElse("%"));
        List<UcTable> matching = metastore.tablesInCatalog(catalog.name()).stream()
                .filter(t -> schemaPattern.matcher(t.schemaName()).matches()
                        && tablePattern.matcher(t.name()).matches())
                .filter(t -> access.seesTable(user, t))
                .toList();
        Paging.Page<UcTable> page = Paging.unityCatalog(
                req,
                matching,
                serverPageSize.getAsInt(),
                "summaries:" + catalog.name() + ":" + schemaPattern.pattern() + ":" + tablePattern.pattern());
        return Responses.ok(obj(
                "tables",
                page.items().stream().map(json::tableSummary).toList(),
                "next_page_token",
                page.nextPageToken()));
    }

    private static String required(ServerRequest req, String name) {
        return req.queryParam(name)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> ApiException.invalidParameter("Missing required parameter '" + name + "'."));
    }

    private static boolean flag(ServerRequest req, String name) {
        return req.queryParam(name).map(Boolean::parseBoolean).orElse(false);
    }
}
