package io.lakegate.connector.oauth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Discovery (RFC 8414), the public keys, and dynamic client registration (RFC 7591). */
public class AuthorizationServerEndpoints {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    private final OAuthProxyProperties props;
    private final List<String> scopes;
    private final ProxySigningKey signingKey;
    private final ClientRegistry clients;

    public AuthorizationServerEndpoints(
            OAuthProxyProperties props, List<String> scopes, ProxySigningKey signingKey, ClientRegistry clients) {
        this.props = props;
        this.scopes = List.copyOf(scopes);
        this.signingKey = signingKey;
        this.clients = clients;
    }

    public Mono<ServerResponse> metadata(ServerRequest request) {
        String issuer = props.issuer();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        body.put("authorization_endpoint", issuer + OAuthPaths.AUTHORIZE);
        body.put("token_endpoint", issuer + OAuthPaths.TOKEN);
        body.put("registration_endpoint", issuer + OAuthPaths.REGISTER);
        body.put("jwks_uri", issuer + OAuthPaths.JWKS);
        body.put("scopes_supported", scopes);
        body.put("response_types_supported", List.of("code"));
        body.put("response_modes_supported", List.of("query"));
        body.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        body.put("token_endpoint_auth_methods_supported", List.of("none"));
        // without it the MCP TypeScript SDK refuses the authorization server
        body.put("code_challenge_methods_supported", List.of(Pkce.S256));
        body.put("client_id_metadata_document_supported", props.isClientMetadataDocuments());
        body.put("authorization_response_iss_parameter_supported", true);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    public Mono<ServerResponse> jwks(ServerRequest request) {
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(signingKey.publicJwkSet().toJSONObject(true));
    }

    public Mono<ServerResponse> register(ServerRequest request) {
        return request.bodyToMono(JSON_OBJECT)
                .onErrorMap(
                        e -> !(e instanceof OAuthError),
                        e -> new OAuthError(
                                "invalid_client_metadata", "the body must be a JSON object", HttpStatus.BAD_REQUEST))
                .switchIfEmpty(Mono.error(new OAuthError(
                        "invalid_client_metadata", "the body must be a JSON object", HttpStatus.BAD_REQUEST)))
                .flatMap(clients::register)
                .flatMap(client -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("client_id", client.clientId());
                    body.put("client_id_issued_at", client.issuedAt().getEpochSecond());
                    if (client.clientName() != null) {
                        body.put("client_name", client.clientName());
                    }
                    body.put("redirect_uris", client.redirectUris());
                    body.put("grant_types", List.of("authorization_code", "refresh_token"));
                    body.put("response_types", List.of("code"));
                    body.put("token_endpoint_auth_method", "none");
                    return OAuthResponses.json(HttpStatus.CREATED, body);
                })
                .onErrorResume(OAuthError.class, OAuthResponses::error);
    }
}
