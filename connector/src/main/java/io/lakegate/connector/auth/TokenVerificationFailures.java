package io.lakegate.connector.auth;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a bearer token that could not be judged is answered. A refused token is the client's problem (the entry point's
 * 401); a verifier that cannot be reached (the identity provider's JWKS, the emulator in dev mode) is the server's, and
 * temporary: 503 with {@code Retry-After} and a JSON-RPC error body, so a client retries instead of signing in again.
 * Spring Security's default rethrows it, which WebFlux turns into a 500.
 */
public final class TokenVerificationFailures implements ServerAuthenticationFailureHandler {

    /** JSON-RPC server error range: the request was not judged, nothing ran. */
    static final int VERIFIER_UNAVAILABLE = -32000;

    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(TokenVerificationFailures.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ServerAuthenticationEntryPoint refused;

    public TokenVerificationFailures(ServerAuthenticationEntryPoint refused) {
        this.refused = refused;
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException failure) {
        if (!(failure instanceof AuthenticationServiceException)) {
            return refused.commence(exchange.getExchange(), failure);
        }
        // the message names the verifier and its status, never the token
        log.warn("bearer token not verified, verifier unavailable: {}", failure.getMessage());
        return unavailable(exchange.getExchange().getResponse());
    }

    private static Mono<Void> unavailable(ServerHttpResponse response) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", VERIFIER_UNAVAILABLE);
        error.put("message", "the bearer token cannot be verified right now; retry in " + RETRY_AFTER_SECONDS + " s");
        error.put("data", Map.of("error", "temporarily_unavailable"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", null);
        body.put("error", error);
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
