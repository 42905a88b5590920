package io.lakegate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.lakegate.operator.Fixtures;
import io.lakegate.operator.LakegateOperatorMain;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.status.Conditions;
import io.lakegate.operator.testing.KubeApiTestExtension;
import io.lakegate.operator.testing.KubeTestContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as its own JVM ({@code LakegateOperatorMain}, as {@code java -jar} runs it) against the apiserver:
 * leader-election Lease, health and Prometheus endpoints, a reconciled connector, and a graceful stop on SIGTERM.
 */
@ExtendWith(KubeApiTestExtension.class)
class OperatorProcessApiServerTest {
    private static final Pattern PORT = Pattern.compile("metrics and health on port (\\d+)");

    @BeforeAll
    static void installCrds(KubeTestContext kube) {
        LakegateCrds.install(kube.client());
    }

    @Test
    void runsElectsALeaderServesMetricsAndStopsOnSigterm(KubeTestContext kube, @TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, kube.server().kubeConfigYaml());
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LakegateOperatorMain.class.getName())
                .redirectErrorStream(true);
        builder.environment()
                .putAll(Map.of(
                        "KUBECONFIG", kubeconfig.toString(),
                        "LAKEGATE_OPERATOR_NAMESPACES", kube.namespace(),
                        "LAKEGATE_OPERATOR_LEASE_NAMESPACE", kube.namespace(),
                        "LAKEGATE_OPERATOR_HTTP_BIND", "127.0.0.1",
                        "LAKEGATE_OPERATOR_HTTP_PORT", "0"));
        Process process = builder.start();
        List<String> log = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(log::add);
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            int port = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> log.stream()
                                    .map(PORT::matcher)
                                    .filter(Matcher::find)
                                    .map(m -> Integer.parseInt(m.group(1)))
                                    .findFirst()
                                    .orElse(0),
                            p -> p > 0);
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> get(http, port, "/healthz/ready").statusCode() == 200);
            assertThat(get(http, port, "/healthz/live").statusCode()).isEqualTo(200);

            // leadership is acquired asynchronously after the caches sync (a standby replica is ready but not leading)
            Lease lease = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> kube.client()
                                    .leases()
                                    .inNamespace(kube.namespace())
                                    .withName("lakegate-operator-leader")
                                    .get(),
                            l -> l != null
                                    && l.getSpec().getHolderIdentity() != null
                                    && !l.getSpec().getHolderIdentity().isBlank());
            await().atMost(Duration.ofSeconds(30)).until(() -> log.stream().anyMatch(l -> l.contains("became leader")));
            assertThat(lease.getSpec().getLeaseDurationSeconds()).isPositive();

            kube.client()
                    .resource(Fixtures.secret(kube.namespace(), "entra", Map.of("client-secret", "v1")))
                    .create();
            kube.client()
                    .resource(Fixtures.azureWorkspace(kube.namespace(), "analytics", "entra"))
                    .create();
            kube.client()
                    .resource(Fixtures.connector(kube.namespace(), "fleet", "analytics"))
                    .create();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                McpConnector c = kube.client()
                        .resources(McpConnector.class)
                        .inNamespace(kube.namespace())
                        .withName("fleet")
                        .get();
                return c.getStatus() != null && Conditions.isTrue(c.getStatus().getConditions(), "Ready");
            });
            String metrics = get(http, port, "/metrics").body();
            assertThat(metrics).contains("operator_sdk_reconciliations_", "jvm_memory_used_bytes");

            // SIGTERM as a kubelet sends it; Process.destroy() would also close our end of the log pipe
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("exits after SIGTERM")
                    .isTrue();
            reader.join(5_000);
            assertThat(process.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
            assertThat(log).anyMatch(l -> l.contains("shutdown (SIGTERM): stopping controllers"));
            assertThat(log).anyMatch(l -> l.contains("operator stopped"));
            assertThat(log).noneMatch(l -> l.contains("Exception") && !l.contains("v1alpha1"));
        } finally {
            if (process.isAlive() && Boolean.getBoolean("lakegate.debug.threads")) {
                Process jstack = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "jstack")
                                        .toString(),
                                Long.toString(process.pid()))
                        .redirectErrorStream(true)
                        .start();
                System.out.println(new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            process.destroyForcibly();
            log.forEach(line -> System.out.println("[operator-process] " + line));
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
