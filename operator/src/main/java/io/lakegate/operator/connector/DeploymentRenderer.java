package io.lakegate.operator.connector;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.lakegate.operator.api.McpConnector;
import java.util.Map;

/**
 * The connector Deployment: hardened pod (non-root, read-only root file system, no capabilities, RuntimeDefault
 * seccomp), registry mounted from the ConfigMap, Secrets as env via secretKeyRef, and the config hash on the template.
 */
public final class DeploymentRenderer {
    public static final ResourceRequirements DEFAULT_RESOURCES = new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("100m"))
            .addToRequests("memory", new Quantity("256Mi"))
            .addToLimits("cpu", new Quantity("1"))
            .addToLimits("memory", new Quantity("512Mi"))
            .build();
    private static final long NON_ROOT_UID = 65532L;
    /**
     * Long enough for the EndpointSlice change to reach every kube-proxy on a busy node: with 3 s a rolling update on
     * the real node (KubeNodeFleetTest) still sent about five new connections per replaced pod to a pod that had stopped.
     */
    static final long PRE_STOP_SLEEP_SECONDS = 10L;
    /** The connector's graceful shutdown (spring.lifecycle.timeout-per-shutdown-phase, 30 s) after the preStop sleep. */
    static final long TERMINATION_GRACE_SECONDS = PRE_STOP_SLEEP_SECONDS + 30L + 5L;

    private DeploymentRenderer() {}

    public static Deployment render(McpConnector connector, ConnectorResolution resolution) {
        String registry = WorkspaceRegistryRenderer.render(resolution.workspaces());
        String hash = ConfigHash.of(registry, resolution.secretDigests());
        Map<String, String> labels = ConnectorNames.labels(connector);
        var spec = connector.getSpec();
        DeploymentBuilder builder = new DeploymentBuilder()
                .withNewMetadata()
                .withName(ConnectorNames.workload(connector))
                .withNamespace(connector.getMetadata().getNamespace())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withRevisionHistoryLimit(3)
                .withNewSelector()
                .withMatchLabels(ConnectorNames.selectorLabels(connector))
                .endSelector()
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1))
                .withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .addToAnnotations(ConnectorNames.CONFIG_HASH_ANNOTATION, hash)
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(ConnectorNames.workload(connector))
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(NON_ROOT_UID)
                .withRunAsGroup(NON_ROOT_UID)
                .withFsGroup(NON_ROOT_UID)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .addToContainers(container(connector, resolution))
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName(ConnectorNames.configMap(connector))
                .addNewItem()
                .withKey(ConnectorNames.REGISTRY_KEY)
                .withPath(ConnectorNames.REGISTRY_KEY)
                .endItem()
                .endConfigMap()
                .endVolume()
                .addNewVolume()
                .withName("tmp")
                .withNewEmptyDir()
                .withSizeLimit(new Quantity("256Mi"))
                .endEmptyDir()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec();
        if (spec.getAutoscaling() == null) {
            // with autoscaling the HPA owns spec.replicas; writing it here would fight the HPA on every pass
            builder.editSpec().withReplicas(spec.getReplicas()).endSpec();
        }
        return builder.build();
    }

    private static Container container(McpConnector connector, ConnectorResolution resolution) {
        ResourceRequirements resources = connector.getSpec().getResources() == null
                ? DEFAULT_RESOURCES
                : connector.getSpec().getResources();
        return new ContainerBuilder()
                .withName(ConnectorNames.CONTAINER)
                .withImage(connector.getSpec().getImage())
                .withImagePullPolicy("IfNotPresent")
                .addNewPort()
                .withName(ConnectorNames.HTTP_PORT_NAME)
                .withContainerPort(ConnectorNames.HTTP_PORT)
                .withProtocol("TCP")
                .endPort()
                .withEnv(ConnectorEnvironment.render(connector, resolution))
                .withResources(resources)
                .withStartupProbe(probe("/actuator/health/liveness", 30))
                .withLivenessProbe(probe("/actuator/health/liveness", 3))
                .withReadinessProbe(probe("/actuator/health/readiness", 3))
                // A terminating pod leaves the Service's endpoints asynchronously (EndpointSlice, then every
                // kube-proxy):
                // serving on for a few seconds lets new connections stop arriving before the connector starts to shut
                // down.
                // A sleep action, because the image has no shell to run `sleep` in.
                .withNewLifecycle()
                .withNewPreStop()
                .withNewSleep(PRE_STOP_SLEEP_SECONDS)
                .endPreStop()
                .endLifecycle()
                .addNewVolumeMount()
                .withName("config")
                .withMountPath(ConnectorNames.CONFIG_DIR)
                .withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withNewCapabilities()
                .addToDrop("ALL")
                .endCapabilities()
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .build();
    }

    private static Probe probe(String path, int failureThreshold) {
        return new ProbeBuilder()
                .withHttpGet(new HTTPGetActionBuilder()
                        .withPath(path)
                        .withPort(new IntOrString(ConnectorNames.HTTP_PORT_NAME))
                        .withScheme("HTTP")
                        .build())
                .withPeriodSeconds(10)
                .withTimeoutSeconds(2)
                .withFailureThreshold(failureThreshold)
                .withSuccessThreshold(1)
                .build();
    }
}
