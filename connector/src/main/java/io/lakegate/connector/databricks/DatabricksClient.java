package io.lakegate.connector.databricks;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.telemetry.DownstreamTarget;
import io.lakegate.connector.workspace.Workspace;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Non-blocking calls to a workspace's REST API as the caller. Every failure becomes a {@link DatabricksApiException}
 * (HTTP errors, unreachable host, timeout, non-JSON success bodies). Logs method, path and status only: never bodies,
 * query strings or headers.
 */
@Component
public class DatabricksClient {

    private static final Logger log = LoggerFactory.getLogger(DatabricksClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient webClient;
    private final DatabricksCredentials credentials;
    private final Duration timeout;

    public DatabricksClient(
            WebClient.Builder builder, DatabricksCredentials credentials, DatabricksProperties properties) {
        this.webClient = builder.clone()
                .codecs(c -> c.defaultCodecs().maxInMemorySize(properties.maxResponseBytes()))
                .build();
        this.credentials = credentials;
        this.timeout = properties.requestTimeout();
    }

    /** GET {@code path} (segments already encoded with {@link #segment}) with the given query parameters. */
    public Mono<JsonNode> get(CallerIdentity caller, Workspace workspace, String path, Map<String, ?> query) {
        return exchange(caller, workspace, HttpMethod.GET, uri(workspace, path, query), null);
    }

    public Mono<JsonNode> post(CallerIdentity caller, Workspace workspace, String path, Object body) {
        return exchange(caller, workspace, HttpMethod.POST, uri(workspace, path, Map.of()), body);
    }

    /**
     * One GET without credentials, which every workspace refuses (401): it walks this client's whole path (Reactor
     * Netty's first connection and pool, the WebClient filters, the error parsing) so that the first caller does not
     * pay for loading and compiling it. Sends nothing of anyone's; the answer is only logged.
     */
    public Mono<String> unauthenticatedProbe(Workspace workspace) {
        return webClient
                .get()
                .uri(uri(workspace, "/api/2.0/preview/scim/v2/Me", Map.of()))
                .attribute(DownstreamTarget.WORKSPACE_KEY, workspace.name())
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(text -> {
                            int status = response.statusCode().value();
                            // parsed like every refusal, so that path is warm too; only the status is kept
                            DatabricksErrors.fromResponse(status, null, text);
                            return "HTTP " + status;
                        }))
                .timeout(timeout);
    }

    /** Percent-encodes one path segment, e.g. a table full name, so dots stay and slashes cannot escape the segment. */
    public static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    private Mono<JsonNode> exchange(
            CallerIdentity caller, Workspace workspace, HttpMethod method, URI uri, Object body) {
        // a refused token (401, or Databricks' 403/400 "invalid/expired token" family) already invalidated the cached
        // token (see handle); one retry with a freshly exchanged token
        return attempt(caller, workspace, method, uri, body)
                .onErrorResume(
                        e -> e instanceof DatabricksApiException d && d.isStaleToken() && credentials.refreshable(),
                        e -> attempt(caller, workspace, method, uri, body));
    }

    private Mono<JsonNode> attempt(
            CallerIdentity caller, Workspace workspace, HttpMethod method, URI uri, Object body) {
        return credentials
                .token(caller, workspace)
                .flatMap(token -> {
                    WebClient.RequestBodySpec request = webClient
                            .method(method)
                            .uri(uri)
                            .attribute(DownstreamTarget.WORKSPACE_KEY, workspace.name())
                            .headers(h -> h.setBearerAuth(token))
                            .accept(MediaType.APPLICATION_JSON);
                    WebClient.RequestHeadersSpec<?> ready = body == null
                            ? request
                            : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
                    return ready.exchangeToMono(response -> handle(caller, workspace, method, uri, response));
                })
                .timeout(timeout)
                .onErrorMap(
                        TimeoutException.class,
                        e -> new DatabricksApiException(
                                504,
                                "DEADLINE_EXCEEDED",
                                "Databricks workspace '" + workspace.name() + "' did not answer within "
                                        + timeout.toSeconds() + " s",
                                null))
                .onErrorMap(
                        WebClientRequestException.class,
                        e -> new DatabricksApiException(
                                503,
                                "UNREACHABLE",
                                "cannot reach Databricks workspace '" + workspace.name() + "' ("
                                        + e.getMostSpecificCause().getClass().getSimpleName() + ")",
                                null));
    }

    private Mono<JsonNode> handle(
            CallerIdentity caller, Workspace workspace, HttpMethod method, URI uri, ClientResponse response) {
        int status = response.statusCode().value();
        log.debug("{} {} {} -> {}", workspace.name(), method, uri.getRawPath(), status);
        return response.bodyToMono(String.class).defaultIfEmpty("").flatMap(text -> {
            if (status >= 200 && status < 300) {
                return parseSuccess(text, status);
            }
            String retryAfter = response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER);
            DatabricksApiException error = DatabricksErrors.fromResponse(status, retryAfter, text);
            if (error.isStaleToken()) {
                credentials.invalidate(caller, workspace);
            }
            return Mono.error(error);
        });
    }

    private static Mono<JsonNode> parseSuccess(String text, int status) {
        if (text.isBlank()) {
            return Mono.just(JSON.createObjectNode());
        }
        try {
            return Mono.just(JSON.readTree(text));
        } catch (JacksonException e) {
            return Mono.error(new DatabricksApiException(
                    502, "BAD_RESPONSE", "Databricks answered HTTP " + status + " with a body that is not JSON", null));
        }
    }

    private static URI uri(Workspace workspace, String path, Map<String, ?> query) {
        String queryString = query.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> UriUtils.encodeQueryParam(e.getKey(), StandardCharsets.UTF_8) + "="
                        + UriUtils.encodeQueryParam(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(workspace.host() + path + (queryString.isEmpty() ? "" : "?" + queryString));
    }
}
