package io.lakegate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.operator.Fixtures;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.status.Conditions;
import io.lakegate.operator.testing.ApiWrite;
import io.lakegate.operator.testing.ApiWriteLog;
import io.lakegate.operator.testing.KubeApiTestExtension;
import io.lakegate.operator.testing.KubeTestContext;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accepted and Ready changes of both kinds become Kubernetes Events with the condition's reason, as {@code kubectl
 * describe} shows them; an idle resync and an operator restart record none.
 */
@ExtendWith(KubeApiTestExtension.class)
class ConditionEventsApiServerTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    private KubeTestContext kube;
    private KubernetesClient client;
    private String ns;
    private RunningOperator operator;

    @BeforeAll
    static void installCrds(KubeTestContext kube) {
        LakegateCrds.install(kube.client());
    }

    @BeforeEach
    void startOperator(KubeTestContext kube) {
        this.kube = kube;
        this.client = kube.client();
        this.ns = kube.namespace();
        operator = RunningOperator.start(kube);
    }

    @AfterEach
    void stopOperator() {
        operator.close();
    }

    @Test
    void acceptedAndReadyChangesAreEventsWithTheirReasonsAndAnIdleOperatorRecordsNone() {
        client.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();
        McpConnector created =
                client.resource(Fixtures.connector(ns, "fleet", "analytics")).create();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(events("McpConnector", "fleet"))
                    .extracting(e -> e.getAction() + "/" + e.getType() + "/" + e.getReason())
                    .contains("Accepted/Warning/SecretNotFound", "Ready/Warning/NotAccepted");
            assertThat(events("DatabricksWorkspace", "analytics"))
                    .extracting(e -> e.getAction() + "/" + e.getReason())
                    .contains("Accepted/SecretNotFound");
        });
        Event notAccepted = events("McpConnector", "fleet").stream()
                .filter(e -> e.getAction().equals("Accepted"))
                .findFirst()
                .orElseThrow();
        assertThat(notAccepted.getNote()).startsWith("Accepted=False: ").contains("Secret entra not found");
        assertThat(notAccepted.getRegarding().getUid())
                .isEqualTo(created.getMetadata().getUid());
        assertThat(notAccepted.getRegarding().getApiVersion()).isEqualTo("lakegate.io/v1alpha1");
        assertThat(notAccepted.getReportingController()).isEqualTo("lakegate.io/operator");

        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "s3cret")))
                .create();
        await().atMost(WAIT).untilAsserted(() -> {
            McpConnector c = client.resources(McpConnector.class)
                    .inNamespace(ns)
                    .withName("fleet")
                    .get();
            assertThat(Conditions.isTrue(c.getStatus().getConditions(), "Ready"))
                    .isTrue();
            assertThat(events("McpConnector", "fleet"))
                    .extracting(e -> e.getAction() + "/" + e.getType() + "/" + e.getReason())
                    .contains("Accepted/Normal/Resolved", "Ready/Normal/Ready");
        });
        awaitQuiet();

        // nothing changes: a no-op Secret event and a fresh operator record no Event
        int before =
                client.events().v1().events().inNamespace(ns).list().getItems().size();
        ApiWriteLog.Mark mark = kube.writeLog().mark();
        client.secrets().inNamespace(ns).withName("entra").edit(s -> {
            s.getMetadata().setLabels(Map.of("touched", "yes"));
            return s;
        });
        McpConnectorLifecycleApiServerTest.sleep(Duration.ofSeconds(2));
        assertThat(operatorWrites(mark)).as("writes after a no-op Secret event").isEmpty();
        operator.close();
        ApiWriteLog.Mark restart = kube.writeLog().mark();
        operator = RunningOperator.start(kube);
        McpConnectorLifecycleApiServerTest.sleep(Duration.ofSeconds(4));
        assertThat(operatorWrites(restart))
                .as("writes after an operator restart")
                .isEmpty();
        assertThat(client.events().v1().events().inNamespace(ns).list().getItems())
                .hasSize(before);
    }

    private List<Event> events(String kind, String name) {
        return client.events().v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> e.getRegarding() != null
                        && kind.equals(e.getRegarding().getKind())
                        && name.equals(e.getRegarding().getName()))
                .sorted(Comparator.comparing(e -> e.getEventTime().getTime()))
                .toList();
    }

    private List<ApiWrite> operatorWrites(ApiWriteLog.Mark mark) {
        return kube.writeLog().since(mark).stream()
                .filter(w -> w.inNamespace(ns) && w.byUserAgent(RunningOperator.USER_AGENT))
                .toList();
    }

    private void awaitQuiet() {
        await().atMost(WAIT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    ApiWriteLog.Mark mark = kube.writeLog().mark();
                    McpConnectorLifecycleApiServerTest.sleep(Duration.ofSeconds(1));
                    return operatorWrites(mark).isEmpty();
                });
    }
}
