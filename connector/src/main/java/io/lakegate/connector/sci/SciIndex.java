package io.lakegate.connector.sci;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.databricks.EntityTagApi;
import io.lakegate.connector.databricks.WorkspaceApi;
import io.lakegate.connector.databricks.model.TagAssignment;
import io.lakegate.connector.databricks.model.Warehouse;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.SciPolicy;
import io.lakegate.connector.workspace.Workspace;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What is SCI for one caller on one workspace.
 *
 * <p>Preferred route: one information_schema statement per (user, workspace) on the workspace's {@code tagWarehouseId},
 * else the first RUNNING warehouse the caller may use; the snapshot is cached briefly. Without a usable warehouse it
 * falls back to the per-object tag API for exactly the objects about to be shown (and their ancestors), each answer
 * cached; column refs are read column by column, so column-level SCI is known with every warehouse stopped (the
 * guard passes a table's columns from Unity Catalog). Genie spaces only have the per-object workspace tag API.
 *
 * <p>Per-object answers are read fail-closed: a missing OBJECT ({@code *_DOES_NOT_EXIST}) carries no tag; an object
 * the caller may not see (403) is treated as hidden, so it answers like a missing one; a missing or disabled tag API
 * (404 {@code ENDPOINT_NOT_FOUND}, {@code FEATURE_DISABLED}, a 404 without an error code, 501) is
 * {@link SciKnowledgeUnavailableException}, never "untagged".
 *
 * <p>Every cache is keyed by the caller's subject, never shared between users: information_schema returns rows only
 * for objects the caller can see, and the tag APIs answer with the caller's permissions, so one user's answer says
 * nothing reliable about another's view. Failures never fail open: an error loading tags is an error of the tool call.
 */
@Component
public class SciIndex {

    private static final Logger log = LoggerFactory.getLogger(SciIndex.class);
    private static final int WAREHOUSE_PAGES = 3;

    private record UserWorkspace(String subject, String workspace) {}

    private record UserObject(String subject, String workspace, String kind, String name) {}

    private final InformationSchemaTagReader bulkReader;
    private final EntityTagApi entityTags;
    private final WorkspaceApi workspaceApi;
    private final int concurrency;
    private final AsyncCache<UserWorkspace, Optional<SciTags>> snapshots;
    private final AsyncCache<UserObject, Boolean> objectVerdicts;

    public SciIndex(
            InformationSchemaTagReader bulkReader,
            EntityTagApi entityTags,
            WorkspaceApi workspaceApi,
            SciProperties properties) {
        this.bulkReader = bulkReader;
        this.entityTags = entityTags;
        this.workspaceApi = workspaceApi;
        this.concurrency = properties.lookupConcurrency();
        this.snapshots = Caffeine.newBuilder()
                .expireAfterWrite(properties.cacheTtl())
                .maximumSize(properties.maxEntries())
                .buildAsync();
        this.objectVerdicts = Caffeine.newBuilder()
                .expireAfterWrite(properties.cacheTtl())
                .maximumSize(properties.maxEntries())
                .buildAsync();
    }

    /**
     * SCI knowledge sufficient to decide about every securable in {@code shown} (and their descendants when the bulk
     * route answered, since it knows the whole metastore view of the caller).
     */
    public Mono<SciTags> tagsCovering(CallerIdentity caller, Workspace workspace, Collection<SecurableRef> shown) {
        return snapshot(caller, workspace)
                .flatMap(bulk -> bulk.isPresent() ? Mono.just(bulk.get()) : perObject(caller, workspace, shown));
    }

    /** True when the Genie space carries the workspace's SCI tag. */
    public Mono<Boolean> genieSpaceHidden(CallerIdentity caller, Workspace workspace, String spaceId) {
        UserObject key = new UserObject(caller.subject(), workspace.name(), "geniespaces", spaceId);
        return Mono.fromFuture(
                () -> objectVerdicts.get(
                        key,
                        (k, executor) -> entityTags
                                .workspaceTags(caller, workspace, "geniespaces", spaceId)
                                .map(tags -> anyMatches(tags, workspace.sci()))
                                .onErrorResume(
                                        DatabricksApiException.class, e -> failedRead(e, "the workspace tag API"))
                                .toFuture()),
                true);
    }

    /** The subset of {@code spaceIds} tagged SCI. */
    public Mono<Set<String>> hiddenGenieSpaces(
            CallerIdentity caller, Workspace workspace, Collection<String> spaceIds) {
        return Flux.fromIterable(new LinkedHashSet<>(spaceIds))
                .flatMap(id -> genieSpaceHidden(caller, workspace, id).map(hidden -> hidden ? id : ""), concurrency)
                .filter(id -> !id.isEmpty())
                .collect(HashSet::new, Set::add);
    }

    private Mono<Optional<SciTags>> snapshot(CallerIdentity caller, Workspace workspace) {
        UserWorkspace key = new UserWorkspace(caller.subject(), workspace.name());
        return Mono.fromFuture(
                () -> snapshots.get(
                        key, (k, executor) -> loadSnapshot(caller, workspace).toFuture()),
                true);
    }

    private Mono<Optional<SciTags>> loadSnapshot(CallerIdentity caller, Workspace workspace) {
        return tagWarehouse(caller, workspace)
                .flatMap(warehouse -> bulkReader
                        .read(caller, workspace, warehouse)
                        .map(Optional::of)
                        .onErrorResume(DatabricksApiException.class, e -> bulkUnavailable(workspace, e)))
                .defaultIfEmpty(Optional.empty());
    }

    /**
     * Permission and statement failures mean this caller cannot use the bulk route: fall back to per-object reads.
     * Throttling, outages and timeouts are errors of the call (retrying elsewhere would only multiply the load).
     */
    private static Mono<Optional<SciTags>> bulkUnavailable(Workspace workspace, DatabricksApiException e) {
        if (e.status() == 403 || e.status() == 404 || e.status() == 400 || e.status() == 200) {
            log.warn(
                    "Bulk SCI tag query unavailable on workspace {} ({} {}); using per-object tag reads",
                    workspace.name(),
                    e.status(),
                    e.errorCode());
            return Mono.just(Optional.empty());
        }
        return Mono.error(e);
    }

    private Mono<String> tagWarehouse(CallerIdentity caller, Workspace workspace) {
        if (workspace.tagWarehouseId().isPresent()) {
            return Mono.just(workspace.tagWarehouseId().get());
        }
        return firstRunningWarehouse(caller, workspace, null, 0);
    }

    private Mono<String> firstRunningWarehouse(CallerIdentity caller, Workspace workspace, String token, int page) {
        return workspaceApi.listWarehouses(caller, workspace, token, 100).flatMap(p -> {
            Optional<String> running = p.items().stream()
                    .filter(Warehouse::running)
                    .map(Warehouse::id)
                    .findFirst();
            if (running.isPresent()) {
                return Mono.just(running.get());
            }
            return p.nextPageToken() == null || page + 1 >= WAREHOUSE_PAGES
                    ? Mono.<String>empty()
                    : firstRunningWarehouse(caller, workspace, p.nextPageToken(), page + 1);
        });
    }

    private Mono<SciTags> perObject(CallerIdentity caller, Workspace workspace, Collection<SecurableRef> shown) {
        Set<SecurableRef> toCheck = new LinkedHashSet<>();
        shown.forEach(ref -> toCheck.addAll(ref.selfAndAncestors()));
        return Flux.fromIterable(toCheck)
                .flatMap(
                        ref -> directlyTagged(caller, workspace, ref)
                                .map(tagged -> tagged ? List.of(ref) : List.<SecurableRef>of()),
                        concurrency)
                .collect(HashSet<SecurableRef>::new, Set::addAll)
                .map(SciTags::of);
    }

    private Mono<Boolean> directlyTagged(CallerIdentity caller, Workspace workspace, SecurableRef ref) {
        String kind = switch (ref.level()) {
            case CATALOG -> "catalogs";
            case SCHEMA -> "schemas";
            case TABLE -> "tables";
            case COLUMN -> "columns";
        };
        UserObject key = new UserObject(caller.subject(), workspace.name(), kind, ref.fullName());
        return Mono.fromFuture(
                () -> objectVerdicts.get(
                        key,
                        (k, executor) -> entityTags
                                .unityCatalogTags(caller, workspace, kind, ref.fullName())
                                .map(tags -> anyMatches(tags, workspace.sci()))
                                .onErrorResume(
                                        DatabricksApiException.class, e -> failedRead(e, "the Unity Catalog tag API"))
                                .toFuture()),
                true);
    }

    /**
     * What a failed per-object tag read says. Only a missing object means "no tag" (the listing or lookup reports its
     * absence itself); an object the caller may not see is hidden, so that it answers exactly like a missing one;
     * a missing or disabled API is unknown knowledge and refuses the call; anything else (throttling, outage) is an
     * error of the call as it is.
     */
    static Mono<Boolean> failedRead(DatabricksApiException e, String source) {
        if (apiUnavailable(e)) {
            log.warn("SCI tags unreadable from {} ({} {}): refusing the call", source, e.status(), e.errorCode());
            return Mono.error(new SciKnowledgeUnavailableException(source, e.status(), e.errorCode()));
        }
        if (objectMissing(e)) {
            return Mono.just(false);
        }
        if (e.status() == 403) {
            return Mono.just(true);
        }
        return Mono.error(e);
    }

    /** Unity Catalog and the workspace APIs name a missing object {@code RESOURCE_DOES_NOT_EXIST}, {@code TABLE_DOES_NOT_EXIST}, .... */
    static boolean objectMissing(DatabricksApiException e) {
        return e.errorCode() != null && e.errorCode().endsWith("_DOES_NOT_EXIST");
    }

    static boolean apiUnavailable(DatabricksApiException e) {
        String code = e.errorCode() == null ? "" : e.errorCode();
        return "ENDPOINT_NOT_FOUND".equals(code)
                || "FEATURE_DISABLED".equals(code)
                || "NOT_IMPLEMENTED".equals(code)
                || e.status() == 501
                || e.status() == 404 && !objectMissing(e);
    }

    private static boolean anyMatches(List<TagAssignment> tags, SciPolicy policy) {
        return tags.stream().anyMatch(t -> policy.matches(t.key(), t.value()));
    }
}
