package io.lakegate.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JDK HttpClient wrapper for tests: real HTTP against the emulator, JSON bodies parsed with Jackson 3. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    // HTTP/1.1, as the emulator speaks it: no h2c upgrade attempt on a connection's first request
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Response(int status, JsonNode body, java.net.http.HttpHeaders headers, String raw) {}

    private final String base;

    Http(String base) {
        this.base = base;
    }

    Response get(String pathAndQuery, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET(), token);
    }

    Response post(String path, String token, Object jsonBody) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(jsonBody))),
                token);
    }

    Response postForm(String path, String form) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)),
                null);
    }

    Response send(HttpRequest.Builder b, String token) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r =
                    CLIENT.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() ? null : parse(r.body());
            return new Response(r.statusCode(), body, r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Follows a UC-style list to its end; returns every page (bounded to 500 pages). */
    List<JsonNode> pages(String pathAndQuery, String token) {
        List<JsonNode> pages = new ArrayList<>();
        String token0 = null;
        for (int i = 0; i < 500; i++) {
            String sep = pathAndQuery.contains("?") ? "&" : "?";
            Response r = get(pathAndQuery + (token0 == null ? "" : sep + "page_token=" + token0), token);
            if (r.status() != 200) {
                throw new AssertionError(
                        "page " + i + " of " + pathAndQuery + " answered " + r.status() + ": " + r.raw());
            }
            pages.add(r.body());
            JsonNode next = r.body().get("next_page_token");
            if (next == null || next.asString().isEmpty()) {
                return pages;
            }
            token0 = next.asString();
        }
        throw new AssertionError("more than 500 pages for " + pathAndQuery);
    }
}
