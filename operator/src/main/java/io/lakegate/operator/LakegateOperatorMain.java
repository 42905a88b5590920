package io.lakegate.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.lakegate.operator.config.ManagedFieldsInterning;
import io.lakegate.operator.runtime.LakegateOperator;
import io.lakegate.operator.runtime.OperatorHttpServer;
import io.lakegate.operator.runtime.OperatorSettings;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar lakegate-operator-<version>-all.jar}: connects with the in-cluster (or kubeconfig) credentials,
 * serves metrics and health, starts both controllers, and stops them gracefully on SIGTERM.
 */
public final class LakegateOperatorMain {
    private static final Logger LOG = LoggerFactory.getLogger(LakegateOperatorMain.class);

    private LakegateOperatorMain() {}

    public static void main(String[] args) throws Exception {
        OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);

        // managedFields are most of the cached children's heap at scale: read into shared parts
        KubernetesClient client = new KubernetesClientBuilder()
                .withKubernetesSerialization(ManagedFieldsInterning.serialization())
                .build();
        LakegateOperator operator = new LakegateOperator(client, settings, registry);
        OperatorHttpServer http = new OperatorHttpServer(
                settings.httpBindAddress(), settings.httpPort(), registry, () -> true, operator::healthy);
        http.start();
        LOG.info(
                "metrics and health on port {}; leader election {}; namespaces {}",
                http.port(),
                settings.leaderElection() ? "on (Lease " + settings.leaseName() + ")" : "off",
                settings.watchNamespaces().isEmpty() ? "all" : settings.watchNamespaces());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("shutdown (SIGTERM): stopping controllers");
                            try {
                                operator.close();
                            } finally {
                                http.close();
                                client.close();
                                LOG.info("operator stopped");
                                stopped.countDown();
                            }
                        },
                        "operator-shutdown"));
        try {
            operator.start();
        } catch (RuntimeException e) {
            // e.g. API server unreachable or CRDs missing: exit non-zero (the hook still stops cleanly) so the pod
            // restarts
            LOG.error("operator failed to start: {}", e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }
}
