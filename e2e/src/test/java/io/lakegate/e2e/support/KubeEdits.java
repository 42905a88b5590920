package io.lakegate.e2e.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.UnaryOperator;

/** Edits a user makes to resources the operator also writes. */
public final class KubeEdits {

    private KubeEdits() {}

    /**
     * A conflict means the operator wrote in between (a finalizer, the status): the edit is made again on the latest
     * version, as {@code kubectl edit} would have the user do.
     */
    public static <T extends HasMetadata> void editOnLatest(Resource<T> resource, UnaryOperator<T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                resource.edit(change);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
