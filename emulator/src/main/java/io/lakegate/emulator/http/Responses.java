package io.lakegate.emulator.http;

import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Builds JSON responses and Databricks error bodies. */
public final class Responses {

    private Responses() {}

    public static Mono<ServerResponse> ok(Object body) {
        return json(200, body);
    }

    public static Mono<ServerResponse> json(int status, Object body) {
        return ServerResponse.status(HttpStatusCode.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Json.write(body));
    }

    /** {"error_code": ..., "message": ...} with Retry-After (seconds) and WWW-Authenticate where they apply. */
    public static Mono<ServerResponse> error(ApiException e) {
        ServerResponse.BodyBuilder b =
                ServerResponse.status(HttpStatusCode.valueOf(e.status())).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfter() != null) {
            b.header("Retry-After", Long.toString(Math.max(0, e.retryAfter().toSeconds())));
        }
        if (e.status() == 401) {
            b.header("WWW-Authenticate", "Bearer realm=\"databricks\"");
        }
        return b.bodyValue(Json.write(Map.of("error_code", e.errorCode(), "message", e.getMessage())));
    }
}
