package io.lakegate.connector.auth;

import io.lakegate.connector.databricks.DatabricksCredentialsException;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Databricks token federation (RFC 8693) at the workspace's {@code /oidc/v1/token}: the user's IdP JWT is the
 * {@code subject_token}; the workspace's federation policy decides whom it stands for. Non-blocking (WebClient).
 * Errors carry the OAuth {@code error} code only: the response body may echo request details and is never shown.
 */
public class FederationExchange implements TokenExchange {

    public static final String MODE = "federation";
    static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient web;
    private final String scope;
    private final Duration timeout;

    public FederationExchange(WebClient.Builder builder, AuthProperties properties) {
        this.web = builder.clone().build();
        this.scope = properties.federation().scope();
        this.timeout = properties.exchange().timeout();
    }

    @Override
    public String workspaceMode() {
        return MODE;
    }

    @Override
    public Mono<ExchangedToken> exchange(CallerIdentity caller, Workspace workspace, String assertion) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", GRANT);
        form.add("subject_token", assertion);
        form.add("subject_token_type", JWT_TYPE);
        form.add("scope", scope);
        if (workspace.identity().clientId() != null) {
            form.add("client_id", workspace.identity().clientId());
        }
        return web.post()
                .uri(workspace.host() + "/oidc/v1/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(body -> parse(workspace, response.statusCode().value(), body)))
                .timeout(timeout)
                .onErrorMap(TimeoutException.class, e -> failure(workspace, "timeout"))
                .onErrorMap(WebClientRequestException.class, e -> failure(workspace, "token_endpoint_unreachable"));
    }

    private static ExchangedToken parse(Workspace workspace, int status, String body) {
        JsonNode json;
        try {
            json = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (RuntimeException e) {
            throw failure(workspace, "HTTP " + status + ", response is not JSON");
        }
        String token = json.path("access_token").asString(null);
        if (status >= 200 && status < 300 && token != null && !token.isBlank()) {
            long seconds = json.path("expires_in").asLong(-1);
            return new ExchangedToken(token, seconds < 0 ? null : Duration.ofSeconds(seconds));
        }
        String code = json.path("error").asString(null);
        if (code == null) {
            code = json.path("errorCode").asString(null);
        }
        throw failure(workspace, code == null || code.isBlank() ? "HTTP " + status : safe(code));
    }

    /** Error codes are short tokens; anything else is cut so a hostile endpoint cannot inject text. */
    private static String safe(String code) {
        String s = code.replaceAll("[^A-Za-z0-9_.\\-]", "");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    private static DatabricksCredentialsException failure(Workspace workspace, String code) {
        return new DatabricksCredentialsException("Databricks token federation refused the exchange for workspace '"
                + workspace.name() + "' (error: " + code + "); check the workspace's federation policy");
    }
}
