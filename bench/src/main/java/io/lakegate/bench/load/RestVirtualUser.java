package io.lakegate.bench.load;

import io.lakegate.bench.workload.RestRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The overhead baseline: the same discovery sent directly to the emulator's REST API with the same bearer, following
 * pagination like the tools do, and parsing each page (a client has to). Users share one pooled HTTP/1.1 client, as a
 * server-side REST client would.
 */
public final class RestVirtualUser implements VirtualUser {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PAGES = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String baseUrl;
    private final String bearer;
    private final RestRequests requests;

    public RestVirtualUser(HttpClient http, String baseUrl, String bearer, RestRequests requests) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.bearer = bearer;
        this.requests = requests;
    }

    @Override
    public Mono<Void> call(Operation operation) {
        RestRequests.Listing listing = requests.of(operation);
        return page(listing, listing.pathAndQuery(), 1);
    }

    private Mono<Void> page(RestRequests.Listing listing, String pathAndQuery, int pageNumber) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json")
                .GET()
                .build();
        return Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .flatMap(response -> {
                    if (response.statusCode() != 200) {
                        return Mono.error(
                                new IllegalStateException("HTTP " + response.statusCode() + " from " + pathAndQuery
                                        + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)));
                    }
                    JsonNode body = JSON.readTree(response.body());
                    JsonNode token = body.get("next_page_token");
                    if (!listing.paged()
                            || token == null
                            || token.isNull()
                            || token.asString().isEmpty()) {
                        return Mono.empty();
                    }
                    if (pageNumber >= MAX_PAGES) {
                        return Mono.error(
                                new IllegalStateException(pathAndQuery + " did not end after " + MAX_PAGES + " pages"));
                    }
                    return page(listing, listing.withPageToken(token.asString()), pageNumber + 1);
                });
    }

    @Override
    public void close() {
        // the shared client belongs to whoever created the users
    }
}
