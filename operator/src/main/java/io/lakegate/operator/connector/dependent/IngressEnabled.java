package io.lakegate.operator.connector.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.lakegate.operator.api.McpConnector;

/** Ingress exists only while spec.exposure.ingress is set; when it is removed JOSDK deletes the Ingress. */
public class IngressEnabled implements Condition<Ingress, McpConnector> {
    @Override
    public boolean isMet(
            DependentResource<Ingress, McpConnector> dependent, McpConnector primary, Context<McpConnector> context) {
        return primary.getSpec().getExposure() != null
                && primary.getSpec().getExposure().getIngress() != null;
    }
}
