package io.lakegate.operator.workspace;

import io.fabric8.kubernetes.api.model.Secret;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.SecretKeyRef;
import java.util.Optional;
import java.util.function.Function;

/** Whether the references of a DatabricksWorkspace resolve; reason/message are safe to show (no values). */
public record WorkspaceValidation(boolean accepted, String reason, String message) {
    public static WorkspaceValidation validate(
            DatabricksWorkspace workspace, Function<String, Optional<Secret>> secrets) {
        Optional<SecretKeyRef> ref = workspace.getSpec().getIdentity().clientSecretRef();
        String mode = workspace.getSpec().getIdentity().getMode().name();
        if (ref.isEmpty()) {
            return new WorkspaceValidation(true, "Valid", "identity mode " + mode + " needs no Secret");
        }
        Optional<Secret> secret = secrets.apply(ref.get().getName());
        if (secret.isEmpty()) {
            return new WorkspaceValidation(
                    false, "SecretNotFound", "Secret " + ref.get().getName() + " not found");
        }
        if (secret.get().getData() == null
                || !secret.get().getData().containsKey(ref.get().getKey())) {
            return new WorkspaceValidation(
                    false,
                    "SecretKeyNotFound",
                    "Secret " + ref.get().getName() + " has no key " + ref.get().getKey());
        }
        return new WorkspaceValidation(true, "Valid", "identity mode " + mode + " with client secret " + ref.get());
    }
}
