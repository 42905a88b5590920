package io.lakegate.operator.connector.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.lakegate.operator.Fixtures;
import io.lakegate.operator.api.Autoscaling;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.RateLimits;
import io.lakegate.operator.api.Telemetry;
import io.lakegate.operator.api.ToolFilter;
import io.lakegate.operator.connector.ConnectorJvm;
import io.lakegate.operator.connector.ConnectorNames;
import io.lakegate.operator.connector.ConnectorResolution;
import io.lakegate.operator.connector.ConnectorResolver;
import io.lakegate.operator.connector.MapReferenceLookup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Desired Deployment from a mocked JOSDK context: hardening, probes, env contract, config hash. */
class DeploymentDependentTest {
    private static final String NS = "lake";

    @Test
    void podIsHardenedProbedAndConsumesSecretsByReference() {
        McpConnector connector = Fixtures.connector(NS, "fleet", "analytics");
        Deployment deployment = desired(connector, lookup("v1"));

        assertThat(deployment.getMetadata().getName()).isEqualTo("fleet");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getServiceAccountName()).isEqualTo("fleet");
        Container container = pod.getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(container.getVolumeMounts())
                .extracting(m -> m.getMountPath())
                .containsExactly("/etc/lakegate", "/tmp");
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());

        Map<String, EnvVar> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(env.get("LAKEGATE_WORKSPACES_FILE").getValue()).isEqualTo("/etc/lakegate/workspaces.json");
        assertThat(env.get("LAKEGATE_TOKENSTORE_TYPE").getValue()).isEqualTo("memory");
        EnvVar secret = env.get("LAKEGATE_WORKSPACE_0_CLIENT_SECRET");
        assertThat(secret.getValue()).isNull();
        assertThat(secret.getValueFrom().getSecretKeyRef().getName()).isEqualTo("entra");
        assertThat(secret.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("client-secret");
        assertThat(container.getEnv()).noneMatch(e -> "v1".equals(e.getValue()));
    }

    @Test
    void settingsMapToRelaxedBindingEnvironmentVariables() {
        McpConnector connector = Fixtures.connector(NS, "fleet", "analytics");
        connector.getSpec().getAuth().setScopes(List.of("mcp.read", "mcp.tools"));
        RateLimits limits = new RateLimits();
        limits.setPerClientRequestsPerMinute(600);
        limits.setPerTenantRequestsPerMinute(6000);
        connector.getSpec().setRateLimits(limits);
        Telemetry telemetry = new Telemetry();
        telemetry.setOtlpEndpoint("http://otel:4318");
        telemetry.setSamplingRatio(0.25);
        connector.getSpec().setTelemetry(telemetry);
        ToolFilter tools = new ToolFilter();
        tools.setDisabled(List.of("proxy_to_sql"));
        connector.getSpec().setTools(tools);

        Map<String, String> env =
                desired(connector, lookup("v1"))
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv()
                        .stream()
                        .filter(e -> e.getValue() != null)
                        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));

        assertThat(env)
                .containsEntry("LAKEGATE_AUTH_MODE", "oauth")
                .containsEntry("LAKEGATE_AUTH_ISSUER", "https://login.example.com/tenant/v2.0")
                .containsEntry("LAKEGATE_AUTH_AUDIENCE", "api://lakegate")
                .containsEntry("LAKEGATE_AUTH_SCOPES", "mcp.read,mcp.tools")
                .containsEntry("LAKEGATE_RATELIMIT_CLIENT_FLEETLIMIT", "600")
                .containsEntry("LAKEGATE_RATELIMIT_WORKSPACE_FLEETLIMIT", "6000")
                .containsKey("LAKEGATE_RATELIMIT_REPLICAS")
                .containsEntry("LAKEGATE_TELEMETRY_OTLP_ENDPOINT", "http://otel:4318")
                .containsEntry("LAKEGATE_TELEMETRY_SAMPLINGRATIO", "0.25")
                .containsEntry("LAKEGATE_TOOLS_DISABLED", "proxy_to_sql")
                .doesNotContainKey("LAKEGATE_TOOLS_ENABLED");
    }

    @Test
    void jvmIsSizedInsideThePodsMemoryLimit() throws Exception {
        Container container = desired(Fixtures.connector(NS, "fleet", "analytics"), lookup("v1"))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        Map<String, String> env = container.getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertThat(env)
                .containsEntry("JAVA_TOOL_OPTIONS", ConnectorJvm.options())
                .containsEntry("MALLOC_ARENA_MAX", "2");
        long limit = container
                .getResources()
                .getLimits()
                .get("memory")
                .getNumericalAmount()
                .longValueExact();

        // what a JVM makes of these flags in a container with this limit (MaxRAM stands in for the cgroup's limit)
        Map<String, String> flags = finalFlags(env.get("JAVA_TOOL_OPTIONS"), limit);
        assertThat(flags)
                .containsEntry("UseSerialGC", "true")
                .containsEntry("ExitOnOutOfMemoryError", "true")
                .containsEntry("TrimNativeHeapInterval", "5000");
        // outside the heap the connector needs metaspace, symbols, code cache, thread stacks, direct buffers and malloc
        // (about 100 MiB idle by native memory tracking, more once the JIT has compiled the request path): keep 200 MiB
        // of the limit for them, or a full heap lets the kernel kill the pod before the collector runs
        assertThat(Long.parseLong(flags.get("MaxHeapSize"))).isLessThanOrEqualTo(limit - 200L * 1024 * 1024);
    }

    private static Map<String, String> finalFlags(String toolOptions, long maxRam) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:MaxRAM=" + maxRam,
                        "-XX:+PrintFlagsFinal",
                        "-version")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        Map<String, String> flags = new HashMap<>();
        // lines look like "     bool UseSerialGC                              = true
        // {product} {command line}"
        Matcher m = Pattern.compile("(?m)^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S+)").matcher(out);
        while (m.find()) {
            flags.put(m.group(1), m.group(2));
        }
        return flags;
    }

    @Test
    void configHashIsStableAndFollowsSecretValues() {
        McpConnector connector = Fixtures.connector(NS, "fleet", "analytics");
        String first = hash(desired(connector, lookup("v1")));
        assertThat(first).matches("[0-9a-f]{64}");
        assertThat(hash(desired(connector, lookup("v1")))).isEqualTo(first);
        assertThat(desired(connector, lookup("v1"))).isEqualTo(desired(connector, lookup("v1")));
        assertThat(hash(desired(connector, lookup("v2")))).isNotEqualTo(first);
    }

    @Test
    void autoscaledDeploymentLeavesReplicasToTheAutoscaler() {
        McpConnector connector = Fixtures.connector(NS, "fleet", "analytics");
        Autoscaling autoscaling = new Autoscaling();
        autoscaling.setMinReplicas(2);
        autoscaling.setMaxReplicas(4);
        connector.getSpec().setAutoscaling(autoscaling);
        assertThat(desired(connector, lookup("v1")).getSpec().getReplicas()).isNull();
    }

    @Test
    void oauthProxyMakesTheConnectorItsClientsIssuerWithSecretsByReference() {
        McpConnector connector = Fixtures.proxyConnector(NS, "fleet", "analytics");
        MapReferenceLookup lookup = lookup("v1")
                .with(Fixtures.secret(NS, "proxy", Map.of("client-secret", "upstream-secret", "signing-key", "pem")));
        List<EnvVar> env = desired(connector, lookup)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv();
        Map<String, String> values = env.stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));

        assertThat(values)
                .containsEntry("LAKEGATE_AUTH_MODE", "oauth")
                .containsEntry("LAKEGATE_AUTH_ISSUER", "https://lakegate.example.com")
                .containsEntry("LAKEGATE_AUTH_RESOURCE", "https://lakegate.example.com/mcp")
                .containsEntry("LAKEGATE_AUTH_JWKSETURI", "http://127.0.0.1:8080/oauth/jwks")
                .containsEntry("LAKEGATE_OAUTHPROXY_ENABLED", "true")
                .containsEntry("LAKEGATE_OAUTHPROXY_UPSTREAM_CLIENTID", "connector-app")
                .doesNotContainKey("LAKEGATE_AUTH_AUDIENCE");
        assertThat(env)
                .filteredOn(e -> e.getValueFrom() != null)
                .extracting(e ->
                        e.getName() + "=" + e.getValueFrom().getSecretKeyRef().getName() + "/"
                                + e.getValueFrom().getSecretKeyRef().getKey())
                .contains(
                        "LAKEGATE_OAUTHPROXY_UPSTREAM_CLIENTSECRET=proxy/client-secret",
                        "LAKEGATE_OAUTHPROXY_SIGNINGKEY=proxy/signing-key");
        assertThat(values.values()).doesNotContain("upstream-secret", "pem");
    }

    private static Deployment desired(McpConnector connector, MapReferenceLookup lookup) {
        ConnectorResolution resolution = new ConnectorResolver(lookup).resolve(connector);
        assertThat(resolution.accepted()).as(resolution.message()).isTrue();
        @SuppressWarnings("unchecked")
        Context<McpConnector> context = mock(Context.class);
        ManagedWorkflowAndDependentResourceContext workflow = mock(ManagedWorkflowAndDependentResourceContext.class);
        when(context.managedWorkflowAndDependentResourceContext()).thenReturn(workflow);
        when(workflow.getMandatory(ConnectorResolution.CONTEXT_KEY, ConnectorResolution.class))
                .thenReturn(resolution);
        return new DeploymentDependent().desired(connector, context);
    }

    private static MapReferenceLookup lookup(String secretValue) {
        return new MapReferenceLookup()
                .with(Fixtures.azureWorkspace(NS, "analytics", "entra"))
                .with(Fixtures.secret(NS, "entra", Map.of("client-secret", secretValue)));
    }

    private static String hash(Deployment deployment) {
        return deployment
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(ConnectorNames.CONFIG_HASH_ANNOTATION);
    }
}
