package io.lakegate.operator.connector;

import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.SecretKeyRef;
import java.util.Optional;

/**
 * A workspace the connector serves, with its position in the (name-sorted) registry; the position names the env
 * variable carrying its client secret, so names that differ only in punctuation cannot collide.
 */
public record ResolvedWorkspace(DatabricksWorkspace workspace, int index) {
    public String name() {
        return workspace.getMetadata().getName();
    }

    public Optional<SecretKeyRef> clientSecretRef() {
        return workspace.getSpec().getIdentity().clientSecretRef();
    }

    public String clientSecretEnvName() {
        return "LAKEGATE_WORKSPACE_" + index + "_CLIENT_SECRET";
    }
}
