package io.lakegate.e2e.support;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.operator.connector.ConnectorNames;
import io.lakegate.operator.testing.ApiWrite;
import io.lakegate.operator.testing.ApiWriteLog;
import io.lakegate.operator.testing.KubeTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the end-to-end tests read back from the apiserver: objects as Argo CD's health checks judge them, the
 * Deployments the operator rendered, and the operator's own writes (told apart by its user agent).
 */
public final class FleetView {

    public static final ArgoHealthCheck CONNECTOR_HEALTH =
            ArgoHealthCheck.load(Path.of("..", "gitops", "argocd", "health", "lakegate.io_McpConnector.lua"));
    public static final ArgoHealthCheck WORKSPACE_HEALTH =
            ArgoHealthCheck.load(Path.of("..", "gitops", "argocd", "health", "lakegate.io_DatabricksWorkspace.lua"));

    private final KubeTestContext kube;
    private final String operatorAgent;
    private final Duration wait;

    public FleetView(KubeTestContext kube, String operatorAgent, Duration wait) {
        this.kube = kube;
        this.operatorAgent = operatorAgent;
        this.wait = wait;
    }

    public ArgoHealthCheck.Health connectorHealth(String name) {
        return CONNECTOR_HEALTH.evaluate(raw("mcpconnectors", name));
    }

    public ArgoHealthCheck.Health workspaceHealth(String name) {
        return WORKSPACE_HEALTH.evaluate(raw("databricksworkspaces", name));
    }

    /** The object exactly as the apiserver serves it (what Argo CD reads). */
    private String raw(String plural, String name) {
        return kube.client()
                .raw("/apis/lakegate.io/v1alpha1/namespaces/" + kube.namespace() + "/" + plural + "/" + name);
    }

    public Deployment deployment(String name) {
        return kube.client()
                .apps()
                .deployments()
                .inNamespace(kube.namespace())
                .withName(name)
                .get();
    }

    public static String configHash(Deployment deployment) {
        return deployment
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(ConnectorNames.CONFIG_HASH_ANNOTATION);
    }

    /** The pod template's literal environment values (Secret references left out). */
    public static Map<String, String> literalEnv(Deployment deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null)
                .forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    public ApiWriteLog.Mark mark() {
        return kube.writeLog().mark();
    }

    /** The operator's writes in the test namespace since {@code mark}. */
    public List<ApiWrite> operatorWrites(ApiWriteLog.Mark mark) {
        return kube.writeLog().since(mark).stream()
                .filter(w -> w.inNamespace(kube.namespace()) && w.byUserAgent(operatorAgent))
                .toList();
    }

    /** Waits until a whole second passes without an operator write: the fleet has settled. */
    public void awaitQuiet() {
        await().atMost(wait)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    ApiWriteLog.Mark mark = mark();
                    Thread.sleep(1000);
                    return operatorWrites(mark).isEmpty();
                });
    }

    public KubernetesClient client() {
        return kube.client();
    }
}
