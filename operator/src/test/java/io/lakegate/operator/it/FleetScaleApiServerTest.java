package io.lakegate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakegate.operator.Fixtures;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.status.Conditions;
import io.lakegate.operator.testing.ApiWrite;
import io.lakegate.operator.testing.ApiWriteLog;
import io.lakegate.operator.testing.KubeApiTestExtension;
import io.lakegate.operator.testing.KubeTestContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 100 McpConnectors sharing one workspace: all reach Ready, then an idle period writes nothing. Numbers printed. */
@ExtendWith(KubeApiTestExtension.class)
class FleetScaleApiServerTest {
    private static final int CONNECTORS = 100;

    @BeforeAll
    static void installCrds(KubeTestContext kube) {
        LakegateCrds.install(kube.client());
    }

    @Test
    void hundredConnectorsReconcileToReadyAndThenStayQuiet(KubeTestContext kube) {
        var client = kube.client();
        String ns = kube.namespace();
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "v1")))
                .create();
        client.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();

        try (RunningOperator operator = RunningOperator.start(kube)) {
            ApiWriteLog.Mark beforeCreate = kube.writeLog().mark();
            long started = System.nanoTime();
            for (int i = 0; i < CONNECTORS; i++) {
                client.resource(Fixtures.connector(ns, String.format("fleet-%03d", i), "analytics"))
                        .create();
            }
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> client.resources(McpConnector.class).inNamespace(ns).list().getItems().stream()
                                    .filter(c -> c.getStatus() != null
                                            && Conditions.isTrue(c.getStatus().getConditions(), "Ready"))
                                    .count()
                            == CONNECTORS);
            long readyMillis = (System.nanoTime() - started) / 1_000_000;
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                DatabricksWorkspace w = client.resources(DatabricksWorkspace.class)
                        .inNamespace(ns)
                        .withName("analytics")
                        .get();
                return w.getStatus() != null
                        && Integer.valueOf(CONNECTORS).equals(w.getStatus().getConnectorCount());
            });

            awaitQuiet(kube, ns);
            int settleWrites = operatorWrites(kube, ns, beforeCreate).size();
            ApiWriteLog.Mark idle = kube.writeLog().mark();
            McpConnectorLifecycleApiServerTest.sleep(Duration.ofSeconds(5));
            List<ApiWrite> idleWrites = operatorWrites(kube, ns, idle);

            System.gc();
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            System.out.printf(
                    "FLEET-SCALE connectors=%d allReadyMs=%d heapUsedAfterGcMiB=%d rssMiB=%s operatorWrites=%d idleWrites=%d%n",
                    CONNECTORS, readyMillis, heap.getUsed() >> 20, rssMiB(), settleWrites, idleWrites.size());
            assertThat(client.apps().deployments().inNamespace(ns).list().getItems())
                    .hasSize(CONNECTORS);
            assertThat(idleWrites).isEmpty();
        }
    }

    private static void awaitQuiet(KubeTestContext kube, String ns) {
        await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).until(() -> {
            ApiWriteLog.Mark mark = kube.writeLog().mark();
            McpConnectorLifecycleApiServerTest.sleep(Duration.ofSeconds(1));
            return operatorWrites(kube, ns, mark).isEmpty();
        });
    }

    private static List<ApiWrite> operatorWrites(KubeTestContext kube, String ns, ApiWriteLog.Mark mark) {
        return kube.writeLog().since(mark).stream()
                .filter(w -> w.inNamespace(ns) && w.byUserAgent(RunningOperator.USER_AGENT))
                .toList();
    }

    /** Resident set of this test JVM (operator, informers, test client and harness together). */
    private static String rssMiB() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.toString(Long.parseLong(l.replaceAll("\\D", "")) >> 10))
                    .findFirst()
                    .orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }
}
