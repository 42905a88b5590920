package io.lakegate.operator.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.lakegate.operator.connector.McpConnectorReconciler;
import io.lakegate.operator.workspace.DatabricksWorkspaceReconciler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembles the JOSDK operator with both controllers; used by {@code LakegateOperatorMain} and by tests. */
public final class LakegateOperator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LakegateOperator.class);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Operator operator;
    private volatile boolean started;

    public LakegateOperator(KubernetesClient client, OperatorSettings settings, MeterRegistry registry) {
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                    .withConcurrentReconciliationThreads(settings.reconcileThreads())
                    // a connector's dependents run on this pool (JOSDK's default: 50 threads, each a stack and
                    // thread-local buffers that stay committed once 1 000 connectors have been rendered); as many
                    // as reconcilers keeps one dependent of each reconciliation in flight
                    .withConcurrentWorkflowExecutorThreads(settings.reconcileThreads())
                    .withReconciliationTerminationTimeout(settings.shutdownTimeout())
                    .withCloseClientOnStop(false);
            if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(leaderElection(settings));
            }
        });
        register(new DatabricksWorkspaceReconciler(), settings);
        register(new McpConnectorReconciler(), settings);
    }

    /**
     * JOSDK's default exits the JVM when leadership ends, which also happens while we stop on SIGTERM: System.exit
     * inside a shutdown hook blocks forever. Exit only when leadership is lost while running (another replica
     * takes over, and the restarted pod rejoins as a candidate).
     */
    private LeaderElectionConfiguration leaderElection(OperatorSettings settings) {
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> LOG.info("became leader (Lease {})", settings.leaseName()),
                () -> {
                    if (!stopping.get()) {
                        LOG.error(
                                "lost leadership (Lease {}); exiting so a fresh instance can rejoin",
                                settings.leaseName());
                        Thread exit = new Thread(() -> System.exit(1), "leadership-lost-exit");
                        exit.start();
                    }
                },
                leader -> LOG.info("leader is {}", leader));
        return new LeaderElectionConfiguration(
                settings.leaseName(),
                settings.leaseNamespace(),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                null,
                callbacks,
                false);
    }

    private <P extends io.fabric8.kubernetes.api.model.HasMetadata> void register(
            io.javaoperatorsdk.operator.api.reconciler.Reconciler<P> reconciler, OperatorSettings settings) {
        operator.register(reconciler, o -> {
            if (!settings.watchNamespaces().isEmpty()) {
                o.settingNamespaces(settings.watchNamespaces());
            }
        });
    }

    /** Blocks until every informer has synced (JOSDK holds its controller lock meanwhile). */
    public void start() {
        operator.start();
        started = true;
    }

    /**
     * Started, and every informer healthy: the readiness signal. Answers "no" during start-up without touching JOSDK,
     * whose runtime info waits on the lock start() holds; a probe must never hang.
     */
    public boolean healthy() {
        return started && !stopping.get() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    @Override
    public void close() {
        stopping.set(true);
        operator.stop();
    }
}
