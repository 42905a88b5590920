package io.lakegate.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.lakegate.operator.api.HasConditions;
import io.lakegate.operator.config.CanonicalJson;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one way both reconcilers write status: nothing when the computed status equals the stored one (compared as
 * canonical JSON, so an idle resync writes nothing), else a server-side-apply status patch from a fresh object that
 * holds only name, namespace and status (the JOSDK tomcat sample's pattern: the patch then owns nothing else), and an
 * Event for each Accepted/Ready change ({@link ConditionEvents}).
 */
public final class StatusPatcher<P extends CustomResource<?, S>, S extends HasConditions> {
    private final Supplier<P> empty;
    private final Clock clock;
    private final String instance;

    /**
     * @param empty    a new, empty resource of the kind
     * @param instance this operator process as Events name it (the pod name)
     */
    public StatusPatcher(Supplier<P> empty, Clock clock, String instance) {
        this.empty = empty;
        this.clock = clock;
        this.instance = instance;
    }

    /** The operator's pod name (HOSTNAME in a pod), the reporting instance of its Events. */
    public static String processInstance() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "lakegate-operator" : host;
    }

    public UpdateControl<P> patchIfChanged(P resource, S status, Context<P> context) {
        if (unchanged(resource.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        announce(resource, status, context);
        return UpdateControl.patchStatus(statusOnly(resource, status));
    }

    /** The same, from {@code updateErrorStatus}. */
    public ErrorStatusUpdateControl<P> patchErrorIfChanged(P resource, S status, Context<P> context) {
        if (unchanged(resource.getStatus(), status)) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        announce(resource, status, context);
        return ErrorStatusUpdateControl.patchStatus(statusOnly(resource, status));
    }

    private static boolean unchanged(Object previous, Object next) {
        return previous != null && CanonicalJson.write(previous).equals(CanonicalJson.write(next));
    }

    private void announce(P resource, S status, Context<P> context) {
        List<io.lakegate.operator.api.Condition> previous =
                resource.getStatus() == null ? List.of() : resource.getStatus().getConditions();
        var changed = ConditionEvents.changed(previous, status.getConditions());
        if (!changed.isEmpty()) {
            ConditionEvents.record(context.getClient(), resource, changed, instance, clock.instant());
        }
    }

    private P statusOnly(P resource, S status) {
        P patch = empty.get();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace())
                .build());
        patch.setStatus(status);
        return patch;
    }
}
