package io.lakegate.connector.tools;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import io.lakegate.connector.workspace.WorkspaceDetector;
import io.lakegate.connector.workspace.WorkspaceRegistry;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Picks the workspace of a call: the {@code workspace} argument when given (must be registered), else the only
 * registered workspace; with several registered the {@link WorkspaceDetector} when there is one (identity mode
 * {@code oauth}: the first workspace that accepts the caller), else the argument is required.
 */
@Component
public class WorkspaceResolver {

    public static final String ARGUMENT = "workspace";

    private final WorkspaceRegistry registry;
    private final ObjectProvider<WorkspaceDetector> detector;

    /** Without auto-detection (tests). */
    public WorkspaceResolver(WorkspaceRegistry registry) {
        this(registry, new StaticListableBeanFactory().getBeanProvider(WorkspaceDetector.class));
    }

    @Autowired
    public WorkspaceResolver(WorkspaceRegistry registry, ObjectProvider<WorkspaceDetector> detector) {
        this.registry = registry;
        this.detector = detector;
    }

    /** Like {@link #resolve(Optional)}, but lets the detector choose for a caller who names no workspace. */
    public Mono<Workspace> resolve(CallerIdentity caller, Optional<String> requested) {
        // one registered workspace (the usual pod) never needs the detector: no bean look-up on every call
        if (requested.isEmpty()
                && caller != null
                && registry.isValid()
                && registry.all().size() > 1) {
            WorkspaceDetector detect = detector.getIfAvailable();
            if (detect != null) {
                return detect.detect(caller, registry.all());
            }
        }
        return Mono.fromCallable(() -> resolve(requested));
    }

    /** Whether omitted workspaces are chosen per caller (several registered and a detector present). */
    public boolean workspaceDetected() {
        return registry.all().size() > 1 && detector.getIfAvailable() != null;
    }

    public Workspace resolve(Optional<String> requested) {
        if (!registry.isValid()) {
            throw new ToolException(
                    ToolErrorCode.UNAVAILABLE,
                    "the connector's workspace registry is invalid; ask its operator to fix it");
        }
        if (requested.isPresent()) {
            return registry.find(requested.get())
                    .orElseThrow(() -> ToolException.invalidArgument("argument 'workspace': unknown workspace '"
                            + requested.get() + "'; registered: " + String.join(", ", registry.names())));
        }
        if (registry.all().size() == 1) {
            return registry.all().get(0);
        }
        throw ToolException.invalidArgument("argument 'workspace' is required because this connector serves "
                + registry.all().size() + " workspaces: " + String.join(", ", registry.names()));
    }

    /** Whether the schemas must require the argument. */
    public boolean workspaceRequired() {
        return registry.all().size() > 1 && detector.getIfAvailable() == null;
    }
}
