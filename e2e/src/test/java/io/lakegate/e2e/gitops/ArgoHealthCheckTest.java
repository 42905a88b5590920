package io.lakegate.e2e.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.e2e.support.ArgoHealthCheck;
import io.lakegate.e2e.support.ArgoHealthCheck.Health;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health checks' decision table, and that the argocd-cm snippet users copy is the same Lua. The whole-system
 * e2e runs the same checks against status objects the operator really wrote.
 */
class ArgoHealthCheckTest {

    static final Path ARGOCD = Path.of("..", "gitops", "argocd");
    static final ArgoHealthCheck CONNECTOR =
            ArgoHealthCheck.load(ARGOCD.resolve("health/lakegate.io_McpConnector.lua"));
    static final ArgoHealthCheck WORKSPACE =
            ArgoHealthCheck.load(ARGOCD.resolve("health/lakegate.io_DatabricksWorkspace.lua"));

    static String resource(long generation, String status) {
        return """
                {"metadata":{"name":"x","generation":%d},"status":%s}""".formatted(generation, status);
    }

    static String condition(String type, String status, String reason) {
        return """
                {"type":"%s","status":"%s","reason":"%s","message":"%s is %s"}""".formatted(type, status, reason, type, status);
    }

    @Test
    void connectorWithoutStatusIsProgressing() {
        assertThat(CONNECTOR.evaluate("{\"metadata\":{\"generation\":1}}").status())
                .isEqualTo("Progressing");
    }

    @Test
    void connectorOnAnOlderGenerationIsProgressingEvenIfItWasReady() {
        Health health = CONNECTOR.evaluate(resource(3, """
                {"observedGeneration":2,"conditions":[%s]}""".formatted(condition("Ready", "True", "Ready"))));
        assertThat(health.status()).isEqualTo("Progressing");
        assertThat(health.message()).contains("generation 3");
    }

    @Test
    void connectorNotAcceptedIsDegradedWithTheReason() {
        Health health = CONNECTOR.evaluate(resource(1, """
                {"observedGeneration":1,"conditions":[%s,%s]}""".formatted(
                        condition("Accepted", "False", "SecretNotFound"), condition("Ready", "False", "NotAccepted"))));
        assertThat(health.status()).isEqualTo("Degraded");
        assertThat(health.message()).startsWith("SecretNotFound");
    }

    @Test
    void connectorReadyOnCurrentGenerationIsHealthy() {
        Health health = CONNECTOR.evaluate(resource(2, """
                {"observedGeneration":2,"conditions":[%s,%s,%s]}""".formatted(
                        condition("Accepted", "True", "Accepted"),
                        condition("Available", "True", "MinimumReplicasAvailable"),
                        condition("Ready", "True", "Ready"))));
        assertThat(health.status()).isEqualTo("Healthy");
    }

    @Test
    void connectorRollingOutIsProgressingWithTheAvailabilityReason() {
        Health health = CONNECTOR.evaluate(resource(2, """
                {"observedGeneration":2,"conditions":[%s,%s,%s]}""".formatted(
                        condition("Accepted", "True", "Accepted"),
                        condition("Available", "False", "NoReadyReplicas"),
                        condition("Ready", "False", "NotAvailable"))));
        assertThat(health).extracting(Health::status).isEqualTo("Progressing");
        assertThat(health.message()).startsWith("NoReadyReplicas");
    }

    @Test
    void workspaceStates() {
        assertThat(WORKSPACE
                        .evaluate(resource(1, """
                {"observedGeneration":1,"conditions":[%s]}""".formatted(condition("Accepted", "False", "SecretNotFound"))))
                        .status())
                .isEqualTo("Degraded");
        assertThat(WORKSPACE
                        .evaluate(resource(1, """
                {"observedGeneration":1,"conditions":[%s,%s]}""".formatted(
                                condition("Accepted", "True", "Accepted"), condition("Ready", "True", "Ready"))))
                        .status())
                .isEqualTo("Healthy");
        assertThat(WORKSPACE
                        .evaluate(resource(2, """
                {"observedGeneration":1,"conditions":[%s]}""".formatted(condition("Ready", "True", "Ready"))))
                        .status())
                .isEqualTo("Progressing");
    }

    @Test
    void argocdConfigMapSnippetCarriesExactlyTheLuaFiles() throws IOException {
        String configMap = Files.readString(ARGOCD.resolve("argocd-cm-health.yaml"));
        for (String kind : new String[] {"DatabricksWorkspace", "McpConnector"}) {
            String lua = Files.readString(ARGOCD.resolve("health/lakegate.io_" + kind + ".lua"));
            String indented = lua.lines()
                    .map(l -> l.isBlank() ? "" : "    " + l)
                    .reduce((a, b) -> a + "\n" + b)
                    .orElse("");
            assertThat(configMap).contains("resource.customizations.health.lakegate.io_" + kind + ": |\n" + indented);
        }
    }
}
