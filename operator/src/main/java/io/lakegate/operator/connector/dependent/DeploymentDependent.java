package io.lakegate.operator.connector.dependent;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.connector.ConnectorNames;
import io.lakegate.operator.connector.DeploymentRenderer;

@KubernetesDependent(informer = @Informer(labelSelector = ConnectorNames.MANAGED_SELECTOR))
public class DeploymentDependent extends ConnectorDependent<Deployment> {
    public DeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected String childName(McpConnector primary) {
        return ConnectorNames.workload(primary);
    }

    @Override
    protected Deployment desired(McpConnector primary, Context<McpConnector> context) {
        return DeploymentRenderer.render(primary, resolution(context));
    }
}
