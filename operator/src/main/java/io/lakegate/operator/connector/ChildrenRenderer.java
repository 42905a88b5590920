package io.lakegate.operator.connector;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.lakegate.operator.api.Autoscaling;
import io.lakegate.operator.api.IngressExposure;
import io.lakegate.operator.api.McpConnector;

/** Desired state of the connector's smaller children; every method is pure. */
public final class ChildrenRenderer {
    private ChildrenRenderer() {}

    public static ConfigMap configMap(McpConnector connector, ConnectorResolution resolution) {
        return new ConfigMapBuilder()
                .withMetadata(metadata(connector, ConnectorNames.configMap(connector)))
                .addToData(ConnectorNames.REGISTRY_KEY, WorkspaceRegistryRenderer.render(resolution.workspaces()))
                .build();
    }

    /**
     * The Secret every replica reads the shared session key from, without its value: the value is generated once, when
     * the Secret is created ({@code ReplicaSecretDependent}), so nothing rendered on a later pass could replace it.
     * Immutable: a rotation is a deliberate delete (the operator then creates a new key) and a rollout.
     */
    public static Secret replicaSecret(McpConnector connector) {
        return new SecretBuilder()
                .withMetadata(metadata(connector, ConnectorNames.replicaSecret(connector)))
                .withType("Opaque")
                .withImmutable(true)
                .build();
    }

    public static ServiceAccount serviceAccount(McpConnector connector) {
        // the connector never calls the Kubernetes API
        return new ServiceAccountBuilder()
                .withMetadata(metadata(connector, ConnectorNames.workload(connector)))
                .withAutomountServiceAccountToken(false)
                .build();
    }

    public static Service service(McpConnector connector) {
        return new ServiceBuilder()
                .withMetadata(metadata(connector, ConnectorNames.workload(connector)))
                .withNewSpec()
                .withType(
                        connector.getSpec().getExposure() == null
                                ? "ClusterIP"
                                : connector
                                        .getSpec()
                                        .getExposure()
                                        .getServiceType()
                                        .name())
                .withSelector(ConnectorNames.selectorLabels(connector))
                .addNewPort()
                .withName(ConnectorNames.HTTP_PORT_NAME)
                .withPort(ConnectorNames.HTTP_PORT)
                .withProtocol("TCP")
                .withTargetPort(new IntOrString(ConnectorNames.HTTP_PORT_NAME))
                .endPort()
                .endSpec()
                .build();
    }

    public static PodDisruptionBudget podDisruptionBudget(McpConnector connector) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(metadata(connector, ConnectorNames.workload(connector)))
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(ConnectorNames.selectorLabels(connector))
                .endSelector()
                .endSpec()
                .build();
    }

    /** Ingress to the MCP port only; egress stays open (Databricks, IdP, DynamoDB and OTLP hosts vary per install). */
    public static NetworkPolicy networkPolicy(McpConnector connector) {
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(connector, ConnectorNames.workload(connector)))
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(ConnectorNames.selectorLabels(connector))
                .endPodSelector()
                .addToPolicyTypes("Ingress")
                .addNewIngress()
                .addNewPort()
                .withPort(new IntOrString(ConnectorNames.HTTP_PORT))
                .withProtocol("TCP")
                .endPort()
                .endIngress()
                .endSpec()
                .build();
    }

    public static HorizontalPodAutoscaler horizontalPodAutoscaler(McpConnector connector) {
        Autoscaling autoscaling = connector.getSpec().getAutoscaling();
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(metadata(connector, ConnectorNames.workload(connector)))
                .withNewSpec()
                .withNewScaleTargetRef()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName(ConnectorNames.workload(connector))
                .endScaleTargetRef()
                .withMinReplicas(autoscaling.getMinReplicas())
                .withMaxReplicas(autoscaling.getMaxReplicas())
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(autoscaling.getTargetCpuUtilizationPercentage())
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build();
    }

    public static Ingress ingress(McpConnector connector) {
        IngressExposure exposure = connector.getSpec().getExposure().getIngress();
        IngressBuilder builder = new IngressBuilder()
                .withMetadata(metadata(connector, ConnectorNames.workload(connector)))
                .withNewSpec()
                .withIngressClassName(exposure.getClassName())
                .addNewRule()
                .withHost(exposure.getHost())
                .withNewHttp()
                .addNewPath()
                .withPath(ConnectorNames.MCP_PATH)
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(ConnectorNames.workload(connector))
                .withNewPort()
                .withName(ConnectorNames.HTTP_PORT_NAME)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec();
        if (exposure.getTlsSecretName() != null) {
            builder.editSpec()
                    .addNewTl()
                    .addToHosts(exposure.getHost())
                    .withSecretName(exposure.getTlsSecretName())
                    .endTl()
                    .endSpec();
        }
        return builder.build();
    }

    /** The MCP endpoint clients should use. */
    public static String url(McpConnector connector) {
        var exposure = connector.getSpec().getExposure();
        if (exposure != null && exposure.getIngress() != null) {
            IngressExposure ingress = exposure.getIngress();
            return (ingress.getTlsSecretName() != null ? "https://" : "http://")
                    + ingress.getHost()
                    + ConnectorNames.MCP_PATH;
        }
        return "http://" + ConnectorNames.workload(connector) + "."
                + connector.getMetadata().getNamespace() + ".svc:" + ConnectorNames.HTTP_PORT + ConnectorNames.MCP_PATH;
    }

    private static ObjectMeta metadata(McpConnector connector, String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(connector.getMetadata().getNamespace())
                .withLabels(ConnectorNames.labels(connector))
                .build();
    }
}
