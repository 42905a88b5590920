package io.lakegate.operator.connector;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.lakegate.operator.api.AwsCredentialsRef;
import io.lakegate.operator.api.DynamoDbTokenStore;
import io.lakegate.operator.api.InboundAuth;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.McpConnectorSpec;
import io.lakegate.operator.api.OAuthProxy;
import io.lakegate.operator.api.RateLimits;
import io.lakegate.operator.api.SecretKeyRef;
import io.lakegate.operator.api.Telemetry;
import io.lakegate.operator.api.TokenStore;
import io.lakegate.operator.api.TokenStoreType;
import io.lakegate.operator.api.ToolFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The connector's settings as environment variables, named for Spring Boot relaxed binding of {@code lakegate.*}
 * properties (table in docs/architecture.md). Fixed order, absent settings omitted: the list is part of the pod
 * template, so it must render identically for identical input.
 */
public final class ConnectorEnvironment {
    /** The connector's identity mode for every operator-managed fleet ({@code lakegate.auth.mode}). */
    public static final String AUTH_MODE = "oauth";

    private ConnectorEnvironment() {}

    public static List<EnvVar> render(McpConnector connector, ConnectorResolution resolution) {
        McpConnectorSpec spec = connector.getSpec();
        List<EnvVar> env = new ArrayList<>();
        add(env, "LAKEGATE_WORKSPACES_FILE", ConnectorNames.CONFIG_DIR + "/" + ConnectorNames.REGISTRY_KEY);
        add(env, "SERVER_PORT", Integer.toString(ConnectorNames.HTTP_PORT));
        add(env, "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        add(env, "LAKEGATE_FLEET_NAME", connector.getMetadata().getName());
        // what one replica signs (MCP session ids, statement handles) every other verifies, also across a rollout, so
        // the key comes from the Secret the operator generated for this connector, never from one pod's memory
        env.add(secretEnv(
                "LAKEGATE_MCP_SESSIONKEY",
                new SecretKeyRef(ConnectorNames.replicaSecret(connector), ConnectorNames.SESSION_KEY)));
        // in-cluster clients name the Service (the URL in status is one of these); public URLs the connector knows
        // itself
        List<String> hosts = new ArrayList<>(ConnectorNames.serviceHosts(connector));
        if (spec.getExposure() != null
                && spec.getExposure().getIngress() != null
                && spec.getExposure().getIngress().getHost() != null) {
            hosts.add(spec.getExposure().getIngress().getHost());
        }
        add(env, "LAKEGATE_MCP_ALLOWEDHOSTS", String.join(",", hosts));
        InboundAuth auth = spec.getAuth();
        // every McpConnector authenticates its callers with OAuth bearer tokens and exchanges them per user (obo or
        // federation, named per workspace in the registry); the connector refuses to start without a mode
        add(env, "LAKEGATE_AUTH_MODE", AUTH_MODE);
        OAuthProxy proxy = auth.getOauthProxy();
        if (proxy == null) {
            add(env, "LAKEGATE_AUTH_ISSUER", auth.getIssuer());
            add(env, "LAKEGATE_AUTH_AUDIENCE", auth.getAudience());
        } else {
            oauthProxy(env, proxy);
        }
        if (auth.getScopes() != null && !auth.getScopes().isEmpty()) {
            add(env, "LAKEGATE_AUTH_SCOPES", String.join(",", auth.getScopes()));
        }
        tokenStore(env, spec.getTokenStore());
        RateLimits limits = spec.getRateLimits();
        // Limits are per replica: the connector divides the fleet-wide figures by this count. With autoscaling it is
        // the
        // minimum, so a scaled-out fleet admits up to (current / minimum) times the figure; Databricks' own 429s, which
        // the connector honours, bound what remains.
        add(env, "LAKEGATE_RATELIMIT_REPLICAS", Integer.toString(plannedReplicas(spec)));
        if (limits != null) {
            addIfSet(env, "LAKEGATE_RATELIMIT_CLIENT_FLEETLIMIT", limits.getPerClientRequestsPerMinute());
            addIfSet(env, "LAKEGATE_RATELIMIT_WORKSPACE_FLEETLIMIT", limits.getPerTenantRequestsPerMinute());
        }
        Telemetry telemetry = spec.getTelemetry();
        if (telemetry != null) {
            addIfSet(env, "LAKEGATE_TELEMETRY_OTLP_ENDPOINT", telemetry.getOtlpEndpoint());
            if (telemetry.getSamplingRatio() != null) {
                add(
                        env,
                        "LAKEGATE_TELEMETRY_SAMPLINGRATIO",
                        BigDecimal.valueOf(telemetry.getSamplingRatio())
                                .stripTrailingZeros()
                                .toPlainString());
            }
        }
        ToolFilter tools = spec.getTools();
        if (tools != null) {
            if (tools.getEnabled() != null) {
                add(env, "LAKEGATE_TOOLS_ENABLED", String.join(",", tools.getEnabled()));
            }
            if (tools.getDisabled() != null) {
                add(env, "LAKEGATE_TOOLS_DISABLED", String.join(",", tools.getDisabled()));
            }
        }
        for (ResolvedWorkspace workspace : resolution.workspaces()) {
            workspace.clientSecretRef().ifPresent(ref -> env.add(secretEnv(workspace.clientSecretEnvName(), ref)));
        }
        env.addAll(ConnectorJvm.env());
        return env;
    }

    private static int plannedReplicas(McpConnectorSpec spec) {
        if (spec.getAutoscaling() != null && spec.getAutoscaling().getMinReplicas() != null) {
            return Math.max(1, spec.getAutoscaling().getMinReplicas());
        }
        return spec.getReplicas() == null ? 1 : Math.max(1, spec.getReplicas());
    }

    /**
     * Clients' tokens come from the connector itself: the resource server trusts the proxy's issuer and reads its keys
     * from the pod's own port (not through the public URL, which may not route back into the cluster).
     */
    private static void oauthProxy(List<EnvVar> env, OAuthProxy proxy) {
        String resource = proxy.getPublicUrl() + ConnectorNames.MCP_PATH;
        add(env, "LAKEGATE_AUTH_ISSUER", proxy.getPublicUrl());
        add(env, "LAKEGATE_AUTH_RESOURCE", resource);
        add(env, "LAKEGATE_AUTH_JWKSETURI", "http://127.0.0.1:" + ConnectorNames.HTTP_PORT + "/oauth/jwks");
        add(env, "LAKEGATE_OAUTHPROXY_ENABLED", "true");
        add(env, "LAKEGATE_OAUTHPROXY_ISSUER", proxy.getPublicUrl());
        add(env, "LAKEGATE_OAUTHPROXY_RESOURCE", resource);
        add(env, "LAKEGATE_OAUTHPROXY_UPSTREAM_AUTHORIZATIONENDPOINT", proxy.getAuthorizationEndpoint());
        add(env, "LAKEGATE_OAUTHPROXY_UPSTREAM_TOKENENDPOINT", proxy.getTokenEndpoint());
        add(env, "LAKEGATE_OAUTHPROXY_UPSTREAM_CLIENTID", proxy.getClientId());
        env.add(secretEnv("LAKEGATE_OAUTHPROXY_UPSTREAM_CLIENTSECRET", proxy.getClientSecretRef()));
        if (proxy.getScopes() != null && !proxy.getScopes().isEmpty()) {
            add(env, "LAKEGATE_OAUTHPROXY_UPSTREAM_SCOPES", String.join(",", proxy.getScopes()));
        }
        if (proxy.getSigningKeySecretRef() != null) {
            env.add(secretEnv("LAKEGATE_OAUTHPROXY_SIGNINGKEY", proxy.getSigningKeySecretRef()));
        }
    }

    private static void tokenStore(List<EnvVar> env, TokenStore store) {
        TokenStoreType type = store == null ? TokenStoreType.Memory : store.getType();
        add(env, "LAKEGATE_TOKENSTORE_TYPE", type.name().toLowerCase(Locale.ROOT));
        DynamoDbTokenStore dynamo = store == null ? null : store.getDynamodb();
        if (type != TokenStoreType.DynamoDB || dynamo == null) {
            return;
        }
        add(env, "LAKEGATE_TOKENSTORE_TABLE", dynamo.getTable());
        add(env, "LAKEGATE_TOKENSTORE_REGION", dynamo.getRegion());
        addIfSet(env, "LAKEGATE_TOKENSTORE_ENDPOINT", dynamo.getEndpoint());
        if (dynamo.getEncryptionKeySecretRef() != null) {
            env.add(secretEnv("LAKEGATE_TOKENSTORE_ENCRYPTIONKEY", dynamo.getEncryptionKeySecretRef()));
        }
        AwsCredentialsRef credentials = dynamo.getCredentialsSecretRef();
        if (credentials != null) {
            // the AWS SDK's default provider chain reads these; without them it uses the pod's workload identity
            env.add(secretEnv(
                    "AWS_ACCESS_KEY_ID", new SecretKeyRef(credentials.getName(), credentials.getAccessKeyIdKey())));
            env.add(secretEnv(
                    "AWS_SECRET_ACCESS_KEY",
                    new SecretKeyRef(credentials.getName(), credentials.getSecretAccessKeyKey())));
        }
    }

    private static EnvVar secretEnv(String name, SecretKeyRef ref) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(ref.getName())
                .withKey(ref.getKey())
                .endSecretKeyRef()
                .endValueFrom()
                .build();
    }

    private static void add(List<EnvVar> env, String name, String value) {
        env.add(new EnvVarBuilder().withName(name).withValue(value).build());
    }

    private static void addIfSet(List<EnvVar> env, String name, Object value) {
        if (value != null) {
            add(env, name, value.toString());
        }
    }
}
