package io.lakegate.connector.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.databricks.DatabricksClient;
import io.lakegate.connector.databricks.DatabricksCredentialsException;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.NoAccessibleWorkspaceException;
import io.lakegate.connector.workspace.Workspace;
import io.lakegate.connector.workspace.WorkspaceDetector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.publisher.Mono;

/**
 * Identity mode {@code oauth}: a call that names no workspace goes to the first registered workspace (registry order)
 * where SCIM {@code Me} answers as the caller, i.e. where the token exchange works and the user is provisioned. The
 * choice is remembered per user for an hour; concurrent first calls share one probe.
 */
public class FirstAccessibleWorkspace implements WorkspaceDetector {

    private static final Logger log = LoggerFactory.getLogger(FirstAccessibleWorkspace.class);
    static final String ME = "/api/2.0/preview/scim/v2/Me";

    private final ObjectProvider<DatabricksClient> client;
    private final AsyncCache<String, String> remembered = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1))
            .maximumSize(100_000)
            .buildAsync();

    /** The client is looked up lazily: it depends on the credentials, which are built in the same configuration. */
    public FirstAccessibleWorkspace(ObjectProvider<DatabricksClient> client) {
        this.client = client;
    }

    @Override
    public Mono<Workspace> detect(CallerIdentity caller, List<Workspace> candidates) {
        AtomicBoolean passedAFailingWorkspace = new AtomicBoolean();
        return Mono.fromFuture(
                        () -> remembered.get(
                                caller.subject(),
                                (key, executor) -> probe(caller, candidates, 0, passedAFailingWorkspace)
                                        .map(Workspace::name)
                                        .toFuture()),
                        true)
                .doOnNext(name -> {
                    // chosen only because an earlier workspace was failing right now: good for this call, not an hour
                    if (passedAFailingWorkspace.get()) {
                        remembered.synchronous().invalidate(caller.subject());
                    }
                })
                .map(name -> candidates.stream()
                        .filter(w -> w.name().equals(name))
                        .findFirst()
                        .orElseThrow(() -> noWorkspace(candidates)));
    }

    private Mono<Workspace> probe(
            CallerIdentity caller, List<Workspace> candidates, int index, AtomicBoolean passedAFailingWorkspace) {
        if (index >= candidates.size()) {
            return Mono.error(noWorkspace(candidates));
        }
        Workspace workspace = candidates.get(index);
        // DatabricksClient already re-exchanged and retried once when the token was refused as invalid or expired
        // (401, or Databricks' 403/400 token family): a stale cached token does not make a workspace "not yours"
        return client.getObject()
                .get(caller, workspace, ME, Map.of())
                .thenReturn(workspace)
                .onErrorResume(e -> {
                    log.debug(
                            "workspace {} does not accept {}: {}",
                            workspace.name(),
                            caller.subject(),
                            e.getClass().getSimpleName());
                    if (!refusesTheCaller(e)) {
                        passedAFailingWorkspace.set(true);
                    }
                    return probe(caller, candidates, index + 1, passedAFailingWorkspace);
                });
    }

    /** An answer about the caller (no exchange, not provisioned, no access), not a workspace in trouble. */
    private static boolean refusesTheCaller(Throwable e) {
        return e instanceof DatabricksCredentialsException
                || e instanceof DatabricksApiException d && d.status() >= 400 && d.status() < 500 && d.status() != 429;
    }

    private static NoAccessibleWorkspaceException noWorkspace(List<Workspace> candidates) {
        return new NoAccessibleWorkspaceException(
                "argument 'workspace' is required: none of the registered workspaces ("
                        + String.join(
                                ", ", candidates.stream().map(Workspace::name).toList()) + ") accepts you");
    }
}
