package io.lakegate.operator.connector.dependent;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.lakegate.operator.api.McpConnector;

/** HPA exists only while spec.autoscaling is set; when it is removed JOSDK deletes the HPA. */
public class AutoscalingEnabled implements Condition<HorizontalPodAutoscaler, McpConnector> {
    @Override
    public boolean isMet(
            DependentResource<HorizontalPodAutoscaler, McpConnector> dependent,
            McpConnector primary,
            Context<McpConnector> context) {
        return primary.getSpec().getAutoscaling() != null;
    }
}
