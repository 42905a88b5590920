package io.lakegate.bench.operator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Stands in for the controller-manager a bare kube-apiserver lacks: writes the status of a finished rollout (all
 * replicas ready and available, {@code observedGeneration} caught up) once per Deployment generation, so the operator
 * sees its connectors become available exactly as in a cluster. Its writes carry its own user agent and are not counted
 * as the operator's.
 */
final class DeploymentStatusFaker implements AutoCloseable {

    static final String USER_AGENT = "lakegate-bench-deployment-status";

    private final KubernetesClient client;
    private SharedIndexInformer<Deployment> informer;

    DeploymentStatusFaker(KubernetesClient client) {
        this.client = client;
    }

    void start() {
        informer = client.apps()
                .deployments()
                .inAnyNamespace()
                .inform(
                        new ResourceEventHandler<>() {
                            @Override
                            public void onAdd(Deployment d) {
                                complete(d);
                            }

                            @Override
                            public void onUpdate(Deployment old, Deployment d) {
                                complete(d);
                            }

                            @Override
                            public void onDelete(Deployment d, boolean unknown) {
                                // nothing to clean up
                            }
                        },
                        0);
    }

    private void complete(Deployment d) {
        DeploymentStatus current = d.getStatus();
        if (d.getMetadata().getDeletionTimestamp() != null
                || (current != null
                        && Objects.equals(
                                current.getObservedGeneration(), d.getMetadata().getGeneration()))) {
            return;
        }
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        DeploymentStatus done = new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withReadyReplicas(replicas)
                .withAvailableReplicas(replicas)
                .withConditions(
                        new DeploymentConditionBuilder()
                                .withType("Available")
                                .withStatus("True")
                                .withReason("MinimumReplicasAvailable")
                                .withMessage("Deployment has minimum availability.")
                                .withLastTransitionTime(now)
                                .withLastUpdateTime(now)
                                .build(),
                        new DeploymentConditionBuilder()
                                .withType("Progressing")
                                .withStatus("True")
                                .withReason("NewReplicaSetAvailable")
                                .withMessage(
                                        "ReplicaSet \"" + d.getMetadata().getName() + "\" has successfully progressed.")
                                .withLastTransitionTime(now)
                                .withLastUpdateTime(now)
                                .build())
                .build();
        try {
            client.apps()
                    .deployments()
                    .inNamespace(d.getMetadata().getNamespace())
                    .resource(new DeploymentBuilder(d).withStatus(done).build())
                    .subresource("status")
                    .update();
        } catch (KubernetesClientException e) {
            // a newer version is on its way (or the Deployment is gone): the informer delivers it
        }
    }

    /** Deployments (in the informer's cache) owned by an McpConnector: the ones the operator rendered. */
    long renderedByConnectors() {
        return informer == null
                ? 0
                : informer.getStore().list().stream()
                        .filter(d -> d.getMetadata().getOwnerReferences().stream()
                                .anyMatch(o -> "McpConnector".equals(o.getKind())))
                        .count();
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
