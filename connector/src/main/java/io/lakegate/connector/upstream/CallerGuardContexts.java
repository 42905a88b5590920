package io.lakegate.connector.upstream;

import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.databricks.UnityCatalogApi;
import io.lakegate.connector.databricks.model.ColumnInfo;
import io.lakegate.connector.databricks.model.TableDefinition;
import io.lakegate.connector.guard.GuardContext;
import io.lakegate.connector.guard.GuardDecision;
import io.lakegate.connector.guard.GuardDecision.RefusalKind;
import io.lakegate.connector.guard.GuardFacts;
import io.lakegate.connector.guard.GuardLimits;
import io.lakegate.connector.guard.Namespace;
import io.lakegate.connector.guard.QualifiedName;
import io.lakegate.connector.guard.SqlGuard;
import io.lakegate.connector.guard.StatementWalker;
import io.lakegate.connector.guard.TableFacts;
import io.lakegate.connector.sci.SciIndex;
import io.lakegate.connector.sci.SciTags;
import io.lakegate.connector.sci.SecurableRef;
import io.lakegate.connector.tools.ToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the {@link SqlGuard} for one tool call, learning the Unity Catalog facts it asks for round by round, as the
 * caller sees them: a table's columns and view definition from {@code GET /tables}, and which of the table, its schema,
 * its catalog and its columns are SCI from the caller's {@link SciIndex}. A table that is missing, not visible (403)
 * or SCI becomes the same "no facts" answer, and both cost the same lookups (the tag lookups run for a missing table
 * too), so neither the answer nor its timing tells them apart. When the tags cannot be learned the query is refused,
 * never treated as untagged. Guard checks run on the bounded-elastic scheduler: parsing is CPU work, never on an event
 * loop.
 */
@Component
public class CallerGuardContexts {

    private static final Logger log = LoggerFactory.getLogger(CallerGuardContexts.class);
    /** Rounds of lookups: the query's tables, then each level of views they read. */
    static final int MAX_ROUNDS = StatementWalker.MAX_VIEW_DEPTH + 2;

    private static final int LOOKUP_CONCURRENCY = 4;

    private final SciIndex sci;
    private final UnityCatalogApi uc;
    private final SqlGuard guard;
    private final GuardLimits limits;
    private final Set<QualifiedName> metadataTables;

    public CallerGuardContexts(
            SciIndex sci,
            UnityCatalogApi uc,
            SqlGuard guard,
            @Value("${lakegate.guard.max-rows:" + GuardLimits.DEFAULT_MAX_ROWS + "}") long maxRows,
            @Value("${lakegate.guard.max-bytes:" + GuardLimits.DEFAULT_MAX_BYTES + "}") long maxBytes,
            @Value("${lakegate.guard.metadata-tables:}") List<String> metadataTables) {
        this.sci = sci;
        this.uc = uc;
        this.guard = guard;
        this.limits = new GuardLimits(maxRows, maxBytes);
        this.metadataTables = metadataTables.stream()
                .filter(t -> !t.isBlank())
                .map(CallerGuardContexts::qualifiedName)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static QualifiedName qualifiedName(String fullName) {
        String[] parts = fullName.strip().toLowerCase(java.util.Locale.ROOT).split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "lakegate.guard.metadata-tables takes catalog.schema.table names, not '" + fullName + "'");
        }
        return QualifiedName.of(parts[0], parts[1], parts[2]);
    }

    /** The guard's decision on SQL the connector is about to send (rendered, SCI columns cut away). */
    public Mono<GuardDecision> decide(ToolCall call, String sql) {
        return resolve(call, ctx -> guard.check(sql, ctx));
    }

    /** The guard's decision on SQL that already ran (Genie's): allowed only if it provably read no SCI data. */
    public Mono<GuardDecision> decideExecuted(ToolCall call, String sql) {
        return resolve(call, ctx -> guard.checkExecuted(sql, ctx));
    }

    public GuardLimits limits() {
        return limits;
    }

    private Mono<GuardDecision> resolve(ToolCall call, Function<GuardContext, GuardDecision> check) {
        return round(call, check, new GuardContext(null, null, GuardFacts.NONE, limits, metadataTables), 1);
    }

    private Mono<GuardDecision> round(
            ToolCall call, Function<GuardContext, GuardDecision> check, GuardContext ctx, int round) {
        return Mono.fromCallable(() -> check.apply(ctx))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(decision -> {
                    if (!(decision instanceof GuardDecision.NeedsFacts needs)) {
                        return Mono.just(decision);
                    }
                    if (round >= MAX_ROUNDS) {
                        return Mono.just(new GuardDecision.Refused(
                                RefusalKind.UNVERIFIABLE, "the query reads views nested too deeply to verify", ""));
                    }
                    return lookup(call, needs, ctx.facts())
                            .flatMap(facts -> round(call, check, ctx.withFacts(facts), round + 1))
                            .onErrorResume(DatabricksApiException.class, e -> Mono.just(factsUnavailable(e)));
                });
    }

    private static GuardDecision factsUnavailable(DatabricksApiException e) {
        log.warn(
                "SQL guard refused a query: Unity Catalog facts or tags could not be read ({} {})",
                e.status(),
                e.errorCode());
        return new GuardDecision.Refused(
                RefusalKind.FACTS_UNAVAILABLE,
                "the data classification of what this query "
                        + "reads could not be checked right now (Databricks answered " + e.status()
                        + "), so it is refused; "
                        + "try again later",
                "");
    }

    private Mono<GuardFacts> lookup(ToolCall call, GuardDecision.NeedsFacts needs, GuardFacts known) {
        Mono<Map<QualifiedName, Optional<TableFacts>>> tables = Flux.fromIterable(needs.tables())
                .flatMap(name -> tableFacts(call, name).map(f -> Map.entry(name, f)), LOOKUP_CONCURRENCY)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
        Mono<Map<Namespace, Boolean>> namespaces = Flux.fromIterable(needs.namespaces())
                .flatMap(ns -> namespaceVisible(call, ns).map(v -> Map.entry(ns, v)), LOOKUP_CONCURRENCY)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
        return Mono.zip(tables, namespaces).map(t -> known.withTables(t.getT1()).withNamespaces(t.getT2()));
    }

    private Mono<Optional<TableFacts>> tableFacts(ToolCall call, QualifiedName name) {
        return uc.getTableDefinition(call.caller(), call.workspace(), name.toString())
                .map(Optional::of)
                .onErrorResume(
                        DatabricksApiException.class,
                        e -> e.isMissingForCaller() ? Mono.just(Optional.empty()) : Mono.error(e))
                .flatMap(definition -> {
                    SecurableRef table = SecurableRef.table(name.catalog(), name.schema(), name.table());
                    // the table's own tags are read for a missing table too, and a table hidden by them goes no
                    // further: a missing and an SCI table cost the same lookups
                    return sci.tagsCovering(call.caller(), call.workspace(), table.selfAndAncestors())
                            .flatMap(tags -> definition.isEmpty() || tags.hides(table)
                                    ? Mono.just(Optional.<TableFacts>empty())
                                    : columnTags(call, name, definition.get()).map(Optional::of));
                });
    }

    private Mono<TableFacts> columnTags(ToolCall call, QualifiedName name, TableDefinition definition) {
        SecurableRef table = SecurableRef.table(name.catalog(), name.schema(), name.table());
        List<SecurableRef> refs = new ArrayList<>(table.selfAndAncestors());
        definition.detail().columns().forEach(c -> refs.add(table.column(c.name())));
        return sci.tagsCovering(call.caller(), call.workspace(), refs).map(tags -> facts(name, definition, tags));
    }

    private static TableFacts facts(QualifiedName name, TableDefinition definition, SciTags tags) {
        List<String> columns =
                definition.detail().columns().stream().map(ColumnInfo::name).toList();
        Set<String> sciColumns = new java.util.HashSet<>();
        for (String column : columns) {
            if (tags.hidesColumn(name.catalog(), name.schema(), name.table(), column)) {
                sciColumns.add(column.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return definition.isView()
                ? TableFacts.view(name, columns, sciColumns, definition.viewDefinition())
                : TableFacts.table(name, columns, sciColumns);
    }

    private Mono<Boolean> namespaceVisible(ToolCall call, Namespace namespace) {
        Mono<Void> exists = namespace.schema() == null
                ? uc.getCatalog(call.caller(), call.workspace(), namespace.catalog())
                : uc.getSchema(call.caller(), call.workspace(), namespace.toString());
        SecurableRef ref = namespace.schema() == null
                ? SecurableRef.catalog(namespace.catalog())
                : SecurableRef.schema(namespace.catalog(), namespace.schema());
        Mono<Boolean> found = exists.thenReturn(true)
                .onErrorResume(
                        DatabricksApiException.class, e -> e.isMissingForCaller() ? Mono.just(false) : Mono.error(e));
        return found.flatMap(present -> sci.tagsCovering(call.caller(), call.workspace(), ref.selfAndAncestors())
                .map(tags -> present && !tags.hides(ref)));
    }
}
