package io.lakegate.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.auth.AuthProperties;
import io.lakegate.connector.hostcheck.AllowedHosts;
import io.lakegate.connector.mcp.McpHttpProperties;
import io.lakegate.connector.mcp.McpTransportProperties;
import io.lakegate.connector.oauth.OAuthProxyProperties;
import io.lakegate.connector.oauth.TokenStoreProperties;
import io.lakegate.connector.resilience.RateLimitProperties;
import io.lakegate.connector.telemetry.TelemetryProperties;
import io.lakegate.connector.tools.ToolSelectionProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The environment variables the operator renders into a connector pod (operator/.../ConnectorEnvironment, table in
 * docs/architecture.md) bind to the properties they are meant for. Spring's relaxed binding ignores a variable whose
 * name matches nothing, so a misnamed one would silently leave the default in force.
 */
class OperatorEnvironmentContractTest {

    static Binder binderFor(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        // under the standard name: Boot maps UPPER_SNAKE names only for the system environment source
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        return new Binder(ConfigurationPropertySources.get(environment));
    }

    @Test
    void renderedVariablesBindToTheConnectorsProperties() {
        Binder binder = binderFor(Map.of(
                "LAKEGATE_RATELIMIT_REPLICAS", "3",
                "LAKEGATE_RATELIMIT_CLIENT_FLEETLIMIT", "900",
                "LAKEGATE_RATELIMIT_WORKSPACE_FLEETLIMIT", "6000",
                "LAKEGATE_TELEMETRY_OTLP_ENDPOINT", "http://otel:4318",
                "LAKEGATE_TELEMETRY_SAMPLINGRATIO", "0.25",
                "LAKEGATE_TOOLS_DISABLED", "proxy_to_sql,list_sql_tools"));

        RateLimitProperties limits =
                binder.bind("lakegate.ratelimit", RateLimitProperties.class).get();
        assertThat(limits.getReplicas()).isEqualTo(3);
        assertThat(limits.getClient().getFleetLimit()).isEqualTo(900);
        assertThat(limits.getWorkspace().getFleetLimit()).isEqualTo(6000);

        TelemetryProperties telemetry =
                binder.bind("lakegate.telemetry", TelemetryProperties.class).get();
        assertThat(telemetry.getOtlp().getEndpoint()).isEqualTo("http://otel:4318");
        assertThat(telemetry.getSamplingRatio()).isEqualTo(0.25);

        ToolSelectionProperties tools =
                binder.bind("lakegate.tools", ToolSelectionProperties.class).get();
        assertThat(tools.getDisabled()).containsExactly("proxy_to_sql", "list_sql_tools");
    }

    @Test
    void renderedIdentityVariablesSelectTheOAuthModeAndItsResource() {
        Binder binder = binderFor(Map.of(
                "LAKEGATE_AUTH_MODE", "oauth",
                "LAKEGATE_AUTH_ISSUER", "https://login.microsoftonline.com/tenant/v2.0",
                "LAKEGATE_AUTH_AUDIENCE", "http://fleet.team.svc:8080/mcp",
                "LAKEGATE_AUTH_SCOPES", "lakegate.mcp,lakegate.sql"));

        AuthProperties auth = binder.bind("lakegate.auth", AuthProperties.class).get();
        assertThat(auth.mode()).isEqualTo(AuthProperties.OAUTH_MODE);
        assertThat(auth.effectiveIssuer()).isEqualTo("https://login.microsoftonline.com/tenant/v2.0");
        assertThat(auth.effectiveResource()).isEqualTo("http://fleet.team.svc:8080/mcp");
        assertThat(auth.scopes()).containsExactly("lakegate.mcp", "lakegate.sql");
    }

    @Test
    void renderedOAuthProxyAndTokenStoreVariablesBindToTheProxyAndTheStore() {
        Binder binder = binderFor(Map.ofEntries(
                Map.entry("LAKEGATE_AUTH_ISSUER", "https://lakegate.example.com"),
                Map.entry("LAKEGATE_AUTH_RESOURCE", "https://lakegate.example.com/mcp"),
                Map.entry("LAKEGATE_AUTH_JWKSETURI", "http://127.0.0.1:8080/oauth/jwks"),
                Map.entry("LAKEGATE_OAUTHPROXY_ENABLED", "true"),
                Map.entry("LAKEGATE_OAUTHPROXY_ISSUER", "https://lakegate.example.com"),
                Map.entry("LAKEGATE_OAUTHPROXY_RESOURCE", "https://lakegate.example.com/mcp"),
                Map.entry("LAKEGATE_OAUTHPROXY_UPSTREAM_AUTHORIZATIONENDPOINT", "https://idp.example.com/authorize"),
                Map.entry("LAKEGATE_OAUTHPROXY_UPSTREAM_TOKENENDPOINT", "https://idp.example.com/token"),
                Map.entry("LAKEGATE_OAUTHPROXY_UPSTREAM_CLIENTID", "connector-app"),
                Map.entry("LAKEGATE_OAUTHPROXY_UPSTREAM_CLIENTSECRET", "s3cret"),
                Map.entry("LAKEGATE_OAUTHPROXY_UPSTREAM_SCOPES", "openid,offline_access"),
                Map.entry("LAKEGATE_OAUTHPROXY_SIGNINGKEY", "pem"),
                Map.entry("LAKEGATE_TOKENSTORE_TYPE", "dynamodb"),
                Map.entry("LAKEGATE_TOKENSTORE_TABLE", "lakegate-oauth"),
                Map.entry("LAKEGATE_TOKENSTORE_REGION", "eu-west-1"),
                Map.entry("LAKEGATE_TOKENSTORE_ENDPOINT", "http://dynamodb:8000"),
                Map.entry("LAKEGATE_TOKENSTORE_ENCRYPTIONKEY", "a2V5")));

        AuthProperties auth = binder.bind("lakegate.auth", AuthProperties.class).get();
        assertThat(auth.effectiveIssuer()).isEqualTo("https://lakegate.example.com");
        assertThat(auth.effectiveResource()).isEqualTo("https://lakegate.example.com/mcp");
        assertThat(auth.jwkSetUri()).isEqualTo("http://127.0.0.1:8080/oauth/jwks");

        OAuthProxyProperties proxy =
                binder.bind("lakegate.oauth-proxy", OAuthProxyProperties.class).get();
        assertThat(proxy.isEnabled()).isTrue();
        assertThat(proxy.getIssuer()).isEqualTo("https://lakegate.example.com");
        assertThat(proxy.getResource()).isEqualTo("https://lakegate.example.com/mcp");
        assertThat(proxy.getUpstream().getAuthorizationEndpoint()).isEqualTo("https://idp.example.com/authorize");
        assertThat(proxy.getUpstream().getTokenEndpoint()).isEqualTo("https://idp.example.com/token");
        assertThat(proxy.getUpstream().getClientId()).isEqualTo("connector-app");
        assertThat(proxy.getUpstream().getClientSecret()).isEqualTo("s3cret");
        assertThat(proxy.getUpstream().getScopes()).containsExactly("openid", "offline_access");
        assertThat(proxy.getSigningKey()).isEqualTo("pem");

        TokenStoreProperties store =
                binder.bind("lakegate.token-store", TokenStoreProperties.class).get();
        assertThat(store.getType()).isEqualTo("dynamodb");
        assertThat(store.getTable()).isEqualTo("lakegate-oauth");
        assertThat(store.getRegion()).isEqualTo("eu-west-1");
        assertThat(store.getEndpoint()).isEqualTo("http://dynamodb:8000");
        assertThat(store.getEncryptionKey()).isEqualTo("a2V5");
    }

    @Test
    void renderedSessionKeyAndServiceHostsBindToTheMcpEndpoint() {
        Binder binder = binderFor(Map.of(
                "LAKEGATE_MCP_SESSIONKEY", "generated-by-the-operator-0123456789abcdef",
                "LAKEGATE_MCP_ALLOWEDHOSTS", "fleet,fleet.team,fleet.team.svc,fleet.team.svc.cluster.local"));

        McpTransportProperties transport =
                binder.bind("lakegate.mcp", McpTransportProperties.class).get();
        assertThat(transport.getSessionKey()).isEqualTo("generated-by-the-operator-0123456789abcdef");
        McpHttpProperties http =
                binder.bind("lakegate.mcp", McpHttpProperties.class).get();
        assertThat(http.allowedHosts())
                .containsExactly("fleet", "fleet.team", "fleet.team.svc", "fleet.team.svc.cluster.local");
        // and the Host check accepts what an in-cluster client sends for the URL in the connector's status
        AllowedHosts hosts = AllowedHosts.of(java.util.List.of(), http.allowedHosts(), null);
        assertThat(hosts.allows("fleet.team.svc:8080")).isTrue();
        assertThat(hosts.allows("fleet.team.svc.cluster.local.:8080")).isTrue();
        assertThat(hosts.allows("fleet.other.svc:8080")).isFalse();
    }

    @Test
    void workspaceRegistryFileComesFromTheMountedConfigMap() {
        Binder binder = binderFor(Map.of("LAKEGATE_WORKSPACES_FILE", "/etc/lakegate/workspaces.json"));
        assertThat(binder.bind("lakegate.workspaces.file", String.class).get())
                .isEqualTo("/etc/lakegate/workspaces.json");
    }
}
