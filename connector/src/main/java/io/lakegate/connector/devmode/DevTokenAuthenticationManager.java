package io.lakegate.connector.devmode;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lakegate.connector.auth.CallerAuthentication;
import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.databricks.DatabricksClient;
import io.lakegate.connector.databricks.Json;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import io.lakegate.connector.workspace.WorkspaceRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Local development authentication: a bearer is valid when the emulator (the first {@code dev-token} workspace) knows
 * it; SCIM {@code /Me} tells whose it is. Answers are cached by a hash of the token (never the token itself) for a
 * minute so an MCP session does not ask the emulator on every request.
 */
public class DevTokenAuthenticationManager implements ReactiveAuthenticationManager {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final DatabricksClient client;
    private final WorkspaceRegistry registry;
    private final AsyncCache<String, CallerIdentity> identities =
            Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).buildAsync();

    public DevTokenAuthenticationManager(DatabricksClient client, WorkspaceRegistry registry) {
        this.client = client;
        this.registry = registry;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            return Mono.empty();
        }
        String token = bearer.getToken();
        Workspace workspace = registry.all().stream()
                .filter(w -> DevEmulatorTokenCredentials.WORKSPACE_MODE.equals(w.identityMode()))
                .findFirst()
                .orElse(null);
        if (workspace == null) {
            return Mono.error(
                    new AuthenticationServiceException("no workspace with identity mode dev-token is registered"));
        }
        return Mono.fromFuture(
                        () -> identities.get(
                                sha256(token),
                                (key, executor) -> whoIs(token, workspace).toFuture()),
                        true)
                .map(caller -> (Authentication)
                        new CallerAuthentication(caller, List.of(new SimpleGrantedAuthority("SCOPE_dev"))));
    }

    private Mono<CallerIdentity> whoIs(String token, Workspace workspace) {
        CallerIdentity unverified = new CallerIdentity("unverified", null, null, Set.of(), token);
        return client.get(unverified, workspace, "/api/2.0/preview/scim/v2/Me", Map.of())
                .map(me -> identity(me, token))
                .onErrorMap(
                        DatabricksApiException.class,
                        e -> e.status() == 401 || e.status() == 403
                                ? new InvalidBearerTokenException("the Databricks emulator does not accept this token")
                                : new AuthenticationServiceException(
                                        "cannot verify the token with the Databricks emulator (" + e.status() + " "
                                                + e.errorCode() + ")"))
                // unreachable, breaker open, timed out: not the token's fault, answered 503 (TokenVerificationFailures)
                .onErrorMap(
                        e -> !(e instanceof AuthenticationException),
                        e -> new AuthenticationServiceException(
                                "cannot reach the Databricks emulator to verify the token ("
                                        + e.getClass().getSimpleName() + ")"));
    }

    private static CallerIdentity identity(JsonNode me, String token) {
        String userName = Json.text(me, "userName");
        if (userName == null || userName.isBlank()) {
            throw new InvalidBearerTokenException("the Databricks emulator returned no user for this token");
        }
        String display = Json.text(me, "displayName");
        return new CallerIdentity(
                userName, display != null ? display : userName, "dev-emulator-token", Set.of("dev"), token);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
