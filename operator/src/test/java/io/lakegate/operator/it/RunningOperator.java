package io.lakegate.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.operator.runtime.LakegateOperator;
import io.lakegate.operator.runtime.OperatorSettings;
import io.lakegate.operator.testing.KubeTestContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;

/** The real operator, in-process, watching only the test's namespace with a client of its own user agent. */
final class RunningOperator implements AutoCloseable {
    static final String USER_AGENT = "lakegate-operator-under-test";

    private final LakegateOperator operator;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private RunningOperator(KubernetesClient client, String namespace) {
        operator = new LakegateOperator(client, OperatorSettings.forTests(Set.of(namespace)), registry);
    }

    static RunningOperator start(KubeTestContext kube) {
        RunningOperator running = new RunningOperator(kube.server().newClient(USER_AGENT), kube.namespace());
        running.operator.start();
        return running;
    }

    SimpleMeterRegistry metrics() {
        return registry;
    }

    @Override
    public void close() {
        operator.close();
    }
}
