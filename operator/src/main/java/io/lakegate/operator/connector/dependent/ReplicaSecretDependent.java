package io.lakegate.operator.connector.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.connector.ChildrenRenderer;
import io.lakegate.operator.connector.ConnectorNames;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The Secret of what a connector's replicas share (the MCP session key), for every connector: even one replica runs
 * beside its successor during a rolling update, and an autoscaler adds replicas at any time. Create-only (no
 * {@code Updater}): a resync or an operator restart never reads, compares or replaces the key, so sessions survive
 * every pass. Deleted with its McpConnector through the owner reference.
 */
@KubernetesDependent(informer = @Informer(labelSelector = ConnectorNames.MANAGED_SELECTOR))
public class ReplicaSecretDependent extends KubernetesDependentResource<Secret, McpConnector>
        implements Creator<Secret, McpConnector>, GarbageCollected<McpConnector> {
    /** 256 bits, well above the connector's 32-character minimum once encoded. */
    private static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    public ReplicaSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(McpConnector primary, Context<McpConnector> context) {
        return new ResourceID(
                ConnectorNames.replicaSecret(primary), primary.getMetadata().getNamespace());
    }

    /** Without the value: JOSDK logs the desired state of what it creates at debug level. */
    @Override
    protected Secret desired(McpConnector primary, Context<McpConnector> context) {
        return ChildrenRenderer.replicaSecret(primary);
    }

    /** The value is generated here, at the one moment the Secret is created, and goes nowhere but the API server. */
    @Override
    public Secret create(Secret desired, McpConnector primary, Context<McpConnector> context) {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        Secret withKey = new SecretBuilder(desired)
                .withData(Map.of(
                        ConnectorNames.SESSION_KEY,
                        Base64.getEncoder().encodeToString(encoded.getBytes(StandardCharsets.US_ASCII))))
                .build();
        return super.create(withKey, primary, context);
    }
}
