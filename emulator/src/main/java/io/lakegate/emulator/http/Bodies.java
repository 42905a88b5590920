package io.lakegate.emulator.http;

import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Reads JSON request bodies; malformed JSON is a 400 MALFORMED_REQUEST, an empty body an empty object. */
public final class Bodies {

    private Bodies() {}

    public static Mono<JsonNode> json(ServerRequest req) {
        return req.bodyToMono(String.class).defaultIfEmpty("").map(s -> {
            if (s.isBlank()) {
                return JsonNodeFactory.instance.objectNode();
            }
            try {
                JsonNode n = Json.MAPPER.readTree(s);
                if (!n.isObject()) {
                    throw new ApiException(400, "MALFORMED_REQUEST", "The request body must be a JSON object.");
                }
                return n;
            } catch (JacksonException e) {
                throw new ApiException(400, "MALFORMED_REQUEST", "Could not parse the request body as JSON.");
            }
        });
    }

    /** A string field or null; a non-string value is a 400. */
    public static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw ApiException.invalidParameter("Field '" + field + "' must be a string.");
        }
        return n.asString();
    }
}
