package io.lakegate.connector.guard;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.databricks.UnityCatalogApi;
import io.lakegate.connector.databricks.model.TableDetail;
import io.lakegate.connector.sci.SciIndex;
import io.lakegate.connector.sci.SecurableRef;
import io.lakegate.connector.tools.ToolCall;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Builds the guard context of one tool call in two passes: a first check with a recording lookup finds the tables the
 * SQL names; their SCI tags (from the caller's {@link SciIndex}) and Unity Catalog details (columns, as the caller
 * sees them; a table the caller cannot see is simply unknown) are then fetched, and the real check runs against them.
 * The namespace is unknown to the connector (the SQL server picks it), so only fully qualified names pass. Guard
 * checks run on the bounded-elastic scheduler: parsing is CPU work with a time limit, never on an event loop.
 */
@Component
public class CallerGuardContexts {

    private static final int DETAIL_CONCURRENCY = 4;

    private final SciIndex sci;
    private final UnityCatalogApi uc;
    private final SqlGuard guard;
    private final GuardLimits limits;

    public CallerGuardContexts(SciIndex sci, UnityCatalogApi uc, SqlGuard guard,
            @Value("${lakegate.guard.max-rows:10000}") long maxRows,
            @Value("${lakegate.guard.max-bytes:16777216}") long maxBytes) {
        this.sci = sci;
        this.uc = uc;
        this.guard = guard;
        this.limits = new GuardLimits(maxRows, maxBytes);
    }

    /**
     * The guard's decision on one query of the call. A first-pass refusal is final: with a lookup that knows no SCI
     * asset, only tag-independent refusals (writes, unparsable text, forbidden functions, unqualified names) occur.
     */
    public Mono<GuardDecision> decide(ToolCall call, String sql) {
        TableRecorder recorder = new TableRecorder();
        return check(sql, new GuardContext(null, null, recorder, limits)).flatMap(first -> first.allowed()
                ? contextFor(call, recorder.tables).flatMap(ctx -> check(sql, ctx))
                : Mono.just(first));
    }

    /** The context for checking every SQL text in {@code sqls} on behalf of the call. */
    public Mono<GuardContext> contextFor(ToolCall call, Collection<String> sqls) {
        return Mono.fromCallable(() -> tablesNamed(sqls)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(tables -> contextFor(call, tables));
    }

    private Mono<GuardContext> contextFor(ToolCall call, Set<QualifiedName> tables) {
        Set<SecurableRef> refs = new LinkedHashSet<>();
        tables.forEach(t -> refs.add(SecurableRef.table(t.catalog(), t.schema(), t.table())));
        Mono<Map<String, TableDetail>> details = Flux.fromIterable(tables)
                .flatMap(t -> uc.getTable(call.caller(), call.workspace(), t.toString())
                        .map(d -> Map.entry(t.toString(), d))
                        .onErrorResume(DatabricksApiException.class, e -> e.isNotFound() || e.status() == 403
                                ? Mono.empty() : Mono.error(e)), DETAIL_CONCURRENCY)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
        return Mono.zip(sci.tagsCovering(call.caller(), call.workspace(), refs), details)
                .map(tuple -> new GuardContext(null, null, new SciTagsLookup(tuple.getT1(), tuple.getT2()), limits));
    }

    /** Runs the guard off the event loop. */
    public Mono<GuardDecision> check(String sql, GuardContext ctx) {
        return Mono.fromCallable(() -> guard.check(sql, ctx)).subscribeOn(Schedulers.boundedElastic());
    }

    public GuardLimits limits() {
        return limits;
    }

    private Set<QualifiedName> tablesNamed(Collection<String> sqls) {
        TableRecorder recorder = new TableRecorder();
        GuardContext first = new GuardContext(null, null, recorder, limits);
        for (String sql : sqls) {
            guard.check(sql, first);
        }
        return recorder.tables;
    }
}
