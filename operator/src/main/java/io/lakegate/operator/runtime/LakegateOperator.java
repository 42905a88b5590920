package io.lakegate.operator.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.lakegate.operator.connector.McpConnectorReconciler;
import io.lakegate.operator.workspace.DatabricksWorkspaceReconciler;
import io.micrometer.core.instrument.MeterRegistry;

/** Assembles the JOSDK operator with both controllers; used by {@code LakegateOperatorMain} and by tests. */
public final class LakegateOperator implements AutoCloseable {
  private final Operator operator;

  public LakegateOperator(KubernetesClient client, OperatorSettings settings, MeterRegistry registry) {
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
          .withConcurrentReconciliationThreads(settings.reconcileThreads())
          .withReconciliationTerminationTimeout(settings.shutdownTimeout())
          .withCloseClientOnStop(false);
      if (settings.leaderElection()) {
        o.withLeaderElectionConfiguration(settings.leaseNamespace() == null
            ? new LeaderElectionConfiguration(settings.leaseName())
            : new LeaderElectionConfiguration(settings.leaseName(), settings.leaseNamespace()));
      }
    });
    register(new DatabricksWorkspaceReconciler(), settings);
    register(new McpConnectorReconciler(), settings);
  }

  private <P extends io.fabric8.kubernetes.api.model.HasMetadata> void register(
      io.javaoperatorsdk.operator.api.reconciler.Reconciler<P> reconciler, OperatorSettings settings) {
    operator.register(reconciler, o -> {
      if (!settings.watchNamespaces().isEmpty()) {
        o.settingNamespaces(settings.watchNamespaces());
      }
    });
  }

  public void start() {
    operator.start();
  }

  /** Started, and every informer healthy: the readiness signal. */
  public boolean healthy() {
    var info = operator.getRuntimeInfo();
    return info.isStarted() && info.allEventSourcesAreHealthy();
  }

  public boolean started() {
    return operator.getRuntimeInfo().isStarted();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
