package io.lakegate.emulator.scim;

import static io.lakegate.emulator.http.Json.obj;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.auth.Callers;
import io.lakegate.emulator.http.Json;
import io.lakegate.emulator.seed.Seed;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code GET /api/2.0/preview/scim/v2/Me}: the caller as a SCIM user (camelCase). */
public final class ScimRoutes {

    private final AccessPolicy access;

    public ScimRoutes(AccessPolicy access) {
        this.access = access;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/api/2.0/preview/scim/v2/Me", this::me)
                .build();
    }

    private Mono<ServerResponse> me(ServerRequest req) {
        Seed.User u = access.user(Callers.user(req));
        // a service principal answers Me too, as a user named by its application id, without person name or email
        boolean person = !access.isServicePrincipal(u.userName());
        List<Map<String, Object>> groups = u.groups().stream()
                .map(g -> obj("display", g, "type", "direct", "value", groupId(g), "$ref", "Groups/" + groupId(g)))
                .toList();
        List<Map<String, Object>> entitlements = u.metastoreAdmin()
                ? List.of(
                        obj("value", "allow-cluster-create"),
                        obj("value", "databricks-sql-access"),
                        obj("value", "workspace-access"))
                : List.of(obj("value", "databricks-sql-access"), obj("value", "workspace-access"));
        Map<String, Object> body = obj(
                "id",
                u.id(),
                "userName",
                u.userName(),
                "displayName",
                u.displayName(),
                "active",
                true,
                "name",
                person ? obj("givenName", u.givenName(), "familyName", u.familyName()) : null,
                "emails",
                person ? List.of(obj("type", "work", "value", u.userName(), "primary", true)) : null,
                "groups",
                groups,
                "entitlements",
                entitlements,
                "roles",
                List.of(),
                "externalId",
                io.lakegate.emulator.uc.Metastore.stableId("user:" + u.userName()),
                "schemas",
                List.of(
                        "urn:ietf:params:scim:schemas:core:2.0:User",
                        "urn:ietf:params:scim:schemas:extension:workspace:2.0:User"));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Json.write(body));
    }

    private static String groupId(String group) {
        return Long.toString(Math.abs((long) group.hashCode()) * 7919L % 9_000_000_000_000_000L + 100_000_000_000L);
    }
}
