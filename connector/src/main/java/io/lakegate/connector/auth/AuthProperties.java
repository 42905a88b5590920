package io.lakegate.connector.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity settings ({@code lakegate.auth.*}). Only {@code mode} matters in the development mode; the rest configures
 * {@code mode=oauth}: the connector as an OAuth resource server plus per-user Databricks token exchanges.
 *
 * @param mode identity mode: {@code oauth} or {@code dev-emulator-token}
 * @param issuerUri expected {@code iss} of inbound tokens ({@code issuer} is accepted as an alias, the operator sets it)
 * @param issuer alias of {@code issuerUri}
 * @param jwkSetUri JWKS of the issuer; when absent it is discovered from the issuer's metadata
 * @param resource the connector's public MCP URL (RFC 9728 {@code resource}); inbound tokens must carry it as audience
 * @param audience an additional accepted audience (e.g. Entra's {@code api://<client-id>}); stands in for
 *        {@code resource} when that is not set (the operator renders only {@code LAKEGATE_AUTH_AUDIENCE})
 * @param authorizationServers advertised in the protected resource metadata; defaults to the issuer
 * @param scopes scopes every call to {@code /mcp} needs (comma list; the operator sets it)
 * @param toolScopes the scope each tool group needs
 * @param exchange per-user Databricks token exchange settings
 * @param obo Entra on-behalf-of settings ({@code obo} workspaces)
 * @param federation Databricks token federation settings ({@code federation} workspaces)
 */
@ConfigurationProperties("lakegate.auth")
public record AuthProperties(
        String mode,
        String issuerUri,
        String issuer,
        String jwkSetUri,
        String resource,
        String audience,
        List<String> authorizationServers,
        List<String> scopes,
        ToolScopeNames toolScopes,
        Exchange exchange,
        Obo obo,
        Federation federation) {

    public static final String OAUTH_MODE = "oauth";

    public AuthProperties {
        authorizationServers = authorizationServers == null ? List.of() : List.copyOf(authorizationServers);
        scopes = scopes == null || scopes.isEmpty() ? List.of("lakegate.mcp") : List.copyOf(scopes);
        toolScopes = toolScopes == null ? new ToolScopeNames(null, null, null) : toolScopes;
        exchange = exchange == null ? new Exchange(null, null, null, 0) : exchange;
        obo = obo == null ? new Obo(null, null, null, null, null) : obo;
        federation = federation == null ? new Federation(null) : federation;
    }

    /** The MCP URL ({@code resource}, else {@code audience}, which is what the operator renders). */
    public String effectiveResource() {
        return resource != null && !resource.isBlank() ? resource : audience;
    }

    /** The issuer inbound tokens must come from ({@code issuer-uri}, else {@code issuer}). */
    public String effectiveIssuer() {
        return issuerUri != null && !issuerUri.isBlank() ? issuerUri : issuer;
    }

    public List<String> effectiveAuthorizationServers() {
        return authorizationServers.isEmpty() && effectiveIssuer() != null
                ? List.of(effectiveIssuer())
                : authorizationServers;
    }

    /** Audiences an inbound token may carry (at least one must match). */
    public Set<String> acceptedAudiences() {
        Set<String> accepted = new LinkedHashSet<>();
        if (effectiveResource() != null && !effectiveResource().isBlank()) {
            accepted.add(effectiveResource());
        }
        if (audience != null && !audience.isBlank()) {
            accepted.add(audience);
        }
        return accepted;
    }

    /** Every scope this resource knows: the base scopes, then the tool scopes (for {@code scopes_supported}). */
    public List<String> allScopes() {
        Set<String> all = new LinkedHashSet<>(scopes);
        all.add(toolScopes.discovery());
        all.add(toolScopes.genie());
        all.add(toolScopes.sql());
        return new ArrayList<>(all);
    }

    /**
     * The scope of each tool group (each tool declares its group).
     *
     * @param discovery scope of the {@code discovery} tools (catalogs, tables, warehouses, Genie spaces)
     * @param genie scope of the {@code genie} tools ({@code list_genie_tools}, {@code proxy_to_genie}, Genie One)
     * @param sql scope of the {@code sql} tools ({@code list_sql_tools}, {@code proxy_to_sql})
     */
    public record ToolScopeNames(String discovery, String genie, String sql) {
        public ToolScopeNames {
            discovery = discovery == null || discovery.isBlank() ? "lakegate.discovery" : discovery;
            genie = genie == null || genie.isBlank() ? "lakegate.genie" : genie;
            sql = sql == null || sql.isBlank() ? "lakegate.sql" : sql;
        }

        /** The scope of the group with this id ({@code discovery}, {@code genie}, {@code sql}). */
        public String forGroup(String group) {
            return switch (group) {
                case "discovery" -> discovery;
                case "genie" -> genie;
                case "sql" -> sql;
                default ->
                    throw new IllegalArgumentException(
                            "tool group '" + group + "' has no scope; the groups are " + "discovery, genie and sql");
            };
        }
    }

    /**
     * @param refreshMargin a cached Databricks token is dropped this long before it expires
     * @param defaultLifetime lifetime assumed when the identity provider states none
     * @param timeout bound of one exchange with the identity provider
     * @param maxConcurrentExchanges threads for blocking identity-provider calls (msal4j)
     */
    public record Exchange(
            Duration refreshMargin, Duration defaultLifetime, Duration timeout, int maxConcurrentExchanges) {
        public Exchange {
            refreshMargin = refreshMargin == null ? Duration.ofMinutes(2) : refreshMargin;
            defaultLifetime = defaultLifetime == null ? Duration.ofMinutes(30) : defaultLifetime;
            timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
            maxConcurrentExchanges = maxConcurrentExchanges <= 0 ? 16 : maxConcurrentExchanges;
        }
    }

    /**
     * @param authority Entra authority; {@code {tenantId}} is replaced by the workspace's tenant
     * @param oidcAuthority treat the authority as a generic OIDC issuer (discovery document, no Entra instance
     *        discovery), e.g. a test identity provider
     * @param clientId default application id when a workspace names none
     * @param clientSecret default client secret when a workspace names no secret variable
     * @param scope the Azure Databricks resource scope requested on the user's behalf
     */
    public record Obo(String authority, Boolean oidcAuthority, String clientId, String clientSecret, String scope) {
        public static final String AZURE_DATABRICKS_SCOPE = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default";

        public Obo {
            authority = authority == null || authority.isBlank()
                    ? "https://login.microsoftonline.com/{tenantId}/"
                    : authority;
            oidcAuthority = oidcAuthority != null && oidcAuthority;
            scope = scope == null || scope.isBlank() ? AZURE_DATABRICKS_SCOPE : scope;
        }
    }

    /** @param scope scope requested from the workspace's token endpoint */
    public record Federation(String scope) {
        public Federation {
            scope = scope == null || scope.isBlank() ? "all-apis" : scope;
        }
    }
}
