package io.lakegate.operator.testing;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the Deployment and ReplicaSet controllers a bare kube-apiserver lacks: it writes the status a healthy
 * rollout would end with (all replicas ready, available and updated, {@code observedGeneration} caught up) so code that
 * waits for a Deployment to become available can be tested. Like Keycloak's fake StatefulSet controller, but with a
 * switch per Deployment to simulate pods that never become ready.
 *
 * <p>It writes only when the status differs from the desired one, so it adds no writes to an idle cluster. Its writes
 * carry {@link #USER_AGENT}.
 */
public final class FakeDeploymentController implements AutoCloseable {

    public static final String USER_AGENT = "lakegate-test-fake-deployment-controller";
    private static final Logger log = LoggerFactory.getLogger(FakeDeploymentController.class);

    private final KubernetesClient client;
    private final Set<String> unavailable = ConcurrentHashMap.newKeySet();
    private volatile boolean paused;
    private SharedIndexInformer<Deployment> informer;

    FakeDeploymentController(KubernetesClient client) {
        this.client = client;
    }

    synchronized void start() {
        informer = client.apps()
                .deployments()
                .inAnyNamespace()
                .inform(
                        new ResourceEventHandler<>() {
                            @Override
                            public void onAdd(Deployment deployment) {
                                reconcile(deployment);
                            }

                            @Override
                            public void onUpdate(Deployment oldDeployment, Deployment deployment) {
                                reconcile(deployment);
                            }

                            @Override
                            public void onDelete(Deployment deployment, boolean deletedFinalStateUnknown) {
                                unavailable.remove(key(
                                        deployment.getMetadata().getNamespace(),
                                        deployment.getMetadata().getName()));
                            }
                        },
                        0);
    }

    /** From now on this Deployment reports zero ready and available replicas, as if its pods crash-looped. */
    public void simulateUnavailable(String namespace, String name) {
        unavailable.add(key(namespace, name));
        reconcileCached(namespace, name);
    }

    /** This Deployment's pods become ready again. */
    public void simulateAvailable(String namespace, String name) {
        unavailable.remove(key(namespace, name));
        reconcileCached(namespace, name);
    }

    /** Stops all status updates (statuses freeze where they are), like a controller-manager that is down. */
    public void pause() {
        paused = true;
    }

    /** Resumes status updates and catches up with every Deployment. */
    public void resume() {
        paused = false;
        if (informer != null) {
            informer.getStore().list().forEach(this::reconcile);
        }
    }

    /** Forgets per-Deployment switches of a namespace (the extension calls this when a test ends). */
    void forgetNamespace(String namespace) {
        unavailable.removeIf(key -> key.startsWith(namespace + "/"));
    }

    private void reconcileCached(String namespace, String name) {
        if (informer != null) {
            Optional.ofNullable(informer.getStore().getByKey(key(namespace, name)))
                    .ifPresent(this::reconcile);
        }
    }

    private synchronized void reconcile(Deployment deployment) {
        if (paused || deployment.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        DeploymentStatus current = Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
        DeploymentStatus desired = desiredStatus(deployment, current, !unavailable.contains(key(namespace, name)));
        if (sameStatus(current, desired)) {
            return;
        }
        try {
            // a PUT of the whole status (resourceVersion-checked), so fields the desired status omits are cleared
            Deployment withStatus =
                    new DeploymentBuilder(deployment).withStatus(desired).build();
            client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .resource(withStatus)
                    .subresource("status")
                    .update();
        } catch (KubernetesClientException e) {
            // deleted meanwhile, or a newer version is on its way: the informer delivers it and we try again
            log.debug("status of Deployment {}/{} not written: {}", namespace, name, e.getMessage());
        }
    }

    static DeploymentStatus desiredStatus(Deployment deployment, DeploymentStatus current, boolean podsReady) {
        int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        int ready = podsReady ? replicas : 0;
        boolean available = podsReady || replicas == 0;
        return new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withUnavailableReplicas(replicas - ready == 0 ? null : replicas - ready)
                .withConditions(
                        condition(
                                current,
                                "Available",
                                available,
                                available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                                available
                                        ? "Deployment has minimum availability."
                                        : "Deployment does not have minimum availability."),
                        condition(
                                current,
                                "Progressing",
                                true,
                                "NewReplicaSetAvailable",
                                "ReplicaSet \"" + deployment.getMetadata().getName()
                                        + "\" has successfully progressed."))
                .build();
    }

    private static DeploymentCondition condition(
            DeploymentStatus current, String type, boolean status, String reason, String message) {
        String statusText = status ? "True" : "False";
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        // keep the transition time while the status stays, as the real controller does
        String since = current.getConditions().stream()
                .filter(c -> type.equals(c.getType()) && statusText.equals(c.getStatus()))
                .map(DeploymentCondition::getLastTransitionTime)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(now);
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(statusText)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(since)
                .withLastUpdateTime(since)
                .build();
    }

    private static boolean sameStatus(DeploymentStatus a, DeploymentStatus b) {
        // the apiserver drops zero counts (omitempty), so absent and 0 are the same
        return Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && count(a.getReplicas()) == count(b.getReplicas())
                && count(a.getUpdatedReplicas()) == count(b.getUpdatedReplicas())
                && count(a.getReadyReplicas()) == count(b.getReadyReplicas())
                && count(a.getAvailableReplicas()) == count(b.getAvailableReplicas())
                && count(a.getUnavailableReplicas()) == count(b.getUnavailableReplicas())
                && conditionKeys(a).equals(conditionKeys(b));
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static Set<List<String>> conditionKeys(DeploymentStatus status) {
        Set<List<String>> keys = new HashSet<>();
        status.getConditions().forEach(c -> keys.add(List.of(c.getType(), c.getStatus(), c.getReason())));
        return keys;
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
            informer = null;
        }
    }
}
