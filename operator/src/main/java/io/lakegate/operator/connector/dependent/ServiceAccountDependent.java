package io.lakegate.operator.connector.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.connector.ChildrenRenderer;
import io.lakegate.operator.connector.ConnectorNames;

@KubernetesDependent(informer = @Informer(labelSelector = ConnectorNames.MANAGED_SELECTOR))
public class ServiceAccountDependent extends ConnectorDependent<ServiceAccount> {
    public ServiceAccountDependent() {
        super(ServiceAccount.class);
    }

    @Override
    protected String childName(McpConnector primary) {
        return ConnectorNames.workload(primary);
    }

    @Override
    protected ServiceAccount desired(McpConnector primary, Context<McpConnector> context) {
        return ChildrenRenderer.serviceAccount(primary);
    }
}
