package io.lakegate.connector.auth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * RFC 9728 protected resource metadata, served at the root form {@code /.well-known/oauth-protected-resource} and at
 * the path form for the MCP endpoint ({@code /.well-known/oauth-protected-resource/mcp}); MCP clients try both.
 */
public final class ProtectedResourceMetadata {

    public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private ProtectedResourceMetadata() {}

    public static Map<String, Object> document(AuthProperties properties) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", properties.effectiveResource());
        doc.put("authorization_servers", properties.effectiveAuthorizationServers());
        doc.put("scopes_supported", properties.allScopes());
        doc.put("bearer_methods_supported", List.of("header"));
        doc.put("resource_name", "Lakegate Databricks connector");
        return doc;
    }

    public static RouterFunction<ServerResponse> routes(AuthProperties properties) {
        Map<String, Object> doc = document(properties);
        String path = URI.create(properties.effectiveResource()).getRawPath();
        RouterFunctions.Builder routes = RouterFunctions.route().GET(WELL_KNOWN, request -> ok(doc));
        if (path != null && !path.isEmpty() && !"/".equals(path)) {
            routes.GET(WELL_KNOWN + path, request -> ok(doc));
        }
        return routes.build();
    }

    private static reactor.core.publisher.Mono<ServerResponse> ok(Map<String, Object> doc) {
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "max-age=300")
                .bodyValue(doc);
    }
}
