package io.lakegate.connector.oauth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** JSON and redirect responses of the OAuth endpoints; nothing here is cacheable (RFC 6749 5.1). */
final class OAuthResponses {

    private OAuthResponses() {}

    static Mono<ServerResponse> json(HttpStatus status, Map<String, ?> body) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .bodyValue(body);
    }

    static Mono<ServerResponse> error(OAuthError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        if (e.description() != null) {
            body.put("error_description", e.description());
        }
        return json(e.status(), body);
    }

    static Mono<ServerResponse> redirect(String location) {
        return ServerResponse.status(HttpStatus.FOUND)
                .location(URI.create(location))
                .cacheControl(CacheControl.noStore())
                .build();
    }
}
