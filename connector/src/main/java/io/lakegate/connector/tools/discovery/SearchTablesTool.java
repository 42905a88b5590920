package io.lakegate.connector.tools.discovery;

import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.databricks.UnityCatalogApi;
import io.lakegate.connector.databricks.model.CatalogInfo;
import io.lakegate.connector.databricks.model.TableSummary;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.sci.SciIndex;
import io.lakegate.connector.sci.SecurableRef;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolGroup;
import io.lakegate.connector.tools.ToolResults;
import io.lakegate.connector.tools.paging.ListingCursor;
import io.lakegate.connector.tools.paging.PageCollector;
import io.lakegate.connector.tools.paging.PageCollector.Collected;
import io.lakegate.connector.workspace.Workspace;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code search_tables}: finds tables by name with Unity Catalog's server-side search ({@code /table-summaries}), in one
 * catalog or, when none is given, in every visible non-SCI catalog in turn (the cursor remembers which one).
 */
@Component
public class SearchTablesTool implements LakegateTool {

    record Hit(String fullName, String tableType) {}

    record Result(String pattern, List<Hit> tables, List<String> skippedCatalogs, String nextCursor) {}

    /** Catalogs searched in one call at most; the cursor continues with the next. */
    static final int MAX_CATALOGS = 500;

    private final UnityCatalogApi uc;
    private final SciIndex sci;
    private final Listing listing;

    public SearchTablesTool(UnityCatalogApi uc, SciIndex sci, Listing listing) {
        this.uc = uc;
        this.sci = sci;
        this.listing = listing;
    }

    @Override
    public String name() {
        return "search_tables";
    }

    @Override
    public String description() {
        return "Find Unity Catalog tables and views by name. `query` is a case-insensitive substring of the table name, "
                + "or a SQL LIKE pattern when it contains % (e.g. 'stg_%_2024_%'). Searches `catalog_name` if given, else "
                + "every catalog the user can see, one after the other. Returns {\"pattern\",\"tables\":[{\"full_name\","
                + "\"table_type\"}],\"skipped_catalogs\"?,\"next_cursor\"?}; skipped_catalogs lists catalogs the user may "
                + "not search. " + Listing.PAGING_HELP + " Strictly Confidential (SCI) tables are never returned.";
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["query"], "properties": {
                "query": {"type": "string", "minLength": 1, "maxLength": 255,
                          "description": "Substring of the table name, or a LIKE pattern containing %."},
                "catalog_name": {"type": "string", "minLength": 1, "description": "Only search this catalog."},
                "schema_name": {"type": "string", "minLength": 1, "description": "Only search this schema (exact name)."},
                $PAGING}}""".replace("$PAGING", Listing.PAGING_PROPERTIES);
    }

    @Override
    public ToolGroup group() {
        return ToolGroup.DISCOVERY;
    }

    @Override
    public String outputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["pattern", "tables"], "properties": {
                "pattern": {"type": "string", "description": "The SQL LIKE pattern searched."},
                "tables": {"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {
                  "full_name": {"type": "string"}, "table_type": {"type": "string"}}}},
                "skipped_catalogs": {"type": "array", "items": {"type": "string"}, "description": "Catalogs the user may not search."},
                $NEXT_CURSOR}}""".replace("$NEXT_CURSOR", Listing.NEXT_CURSOR_PROPERTY);
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("Search tables", false);
    }

    static String likePattern(String query) {
        return query.contains("%") ? query : "%" + query + "%";
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        String pattern = likePattern(call.arguments().requiredString("query"));
        Optional<String> catalog = call.arguments().optionalString("catalog_name");
        Optional<String> schema = call.arguments().optionalString("schema_name");
        String key = Listing.key(call, pattern, catalog.orElse(""), schema.orElse(""));
        ListingCursor cursor = listing.cursor(call, key);
        int limit = listing.limit(call);
        Mono<List<String>> catalogs = catalog.map(c -> sci.tagsCovering(
                                call.caller(), call.workspace(), List.of(SecurableRef.catalog(c)))
                        .flatMap(tags -> tags.hidesCatalog(c)
                                ? Missing.<List<String>>afterSameWork(
                                        uc.tableSummaries(
                                                call.caller(),
                                                call.workspace(),
                                                c,
                                                schema.orElse(null),
                                                pattern,
                                                null,
                                                listing.pageSize()),
                                        Missing.catalog(c))
                                : Mono.just(List.of(c))))
                .orElseGet(() -> visibleCatalogs(call));
        return catalogs.flatMap(names -> {
                    int from = cursor.scope() == null ? 0 : names.indexOf(cursor.scope());
                    if (from < 0) {
                        // the catalog the cursor points into disappeared since: resume after nothing rather than fail
                        return Mono.just(new Result(pattern, List.of(), List.of(), null));
                    }
                    Search search = new Search(call, pattern, schema.orElse(null), names, limit);
                    return search.fromCatalog(from, cursor.scope() == null ? ListingCursor.START : cursor)
                            .map(Optional::of)
                            .defaultIfEmpty(Optional.empty())
                            .map(next -> new Result(
                                    pattern,
                                    search.hits,
                                    search.skipped.isEmpty() ? null : search.skipped,
                                    next.map(c -> c.encode(key)).orElse(null)));
                })
                .onErrorMap(e -> catalog.isPresent() && Missing.concealed(e), e -> Missing.catalog(catalog.get()))
                .map(ToolResults::json);
    }

    private Mono<List<String>> visibleCatalogs(ToolCall call) {
        return PageCollector.<CatalogInfo>collect(
                        token -> uc.listCatalogs(call.caller(), call.workspace(), token, listing.pageSize()),
                        page -> sci.tagsCovering(
                                        call.caller(),
                                        call.workspace(),
                                        page.stream()
                                                .map(c -> SecurableRef.catalog(c.name()))
                                                .toList())
                                .map(tags -> (Predicate<CatalogInfo>) c -> !tags.hidesCatalog(c.name())),
                        ListingCursor.START,
                        MAX_CATALOGS,
                        listing.maxPages())
                .map(r -> r.items().stream().map(CatalogInfo::name).toList());
    }

    /** State of one multi-catalog search call. */
    private final class Search {
        final ToolCall call;
        final String pattern;
        final String schema;
        final List<String> catalogs;
        final int limit;
        final List<Hit> hits = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();

        Search(ToolCall call, String pattern, String schema, List<String> catalogs, int limit) {
            this.call = call;
            this.pattern = pattern;
            this.schema = schema;
            this.catalogs = catalogs;
            this.limit = limit;
        }

        /** Searches catalogs[index..] starting at {@code position}; emits where to continue, or completes empty. */
        Mono<ListingCursor> fromCatalog(int index, ListingCursor position) {
            if (index >= catalogs.size()) {
                return Mono.empty();
            }
            String catalog = catalogs.get(index);
            CallerIdentity caller = call.caller();
            Workspace ws = call.workspace();
            return PageCollector.<TableSummary>collect(
                            token -> uc.tableSummaries(caller, ws, catalog, schema, pattern, token, listing.pageSize()),
                            page -> sci.tagsCovering(
                                            caller,
                                            ws,
                                            page.stream()
                                                    .map(t -> SecurableRef.parseTable(t.fullName()))
                                                    .flatMap(Optional::stream)
                                                    .toList())
                                    .map(tags -> (Predicate<TableSummary>) t -> !tags.hidesTable(t.fullName())),
                            new ListingCursor(catalog, position.pageToken(), position.skip()),
                            limit - hits.size(),
                            listing.maxPages())
                    .onErrorResume(
                            e -> catalogs.size() > 1
                                    && e instanceof DatabricksApiException d
                                    && (d.status() == 403 || d.isNotFound()),
                            e -> {
                                skipped.add(catalog);
                                return Mono.just(new Collected<>(List.of(), null));
                            })
                    .flatMap(collected -> {
                        collected.items().forEach(t -> hits.add(new Hit(t.fullName(), t.tableType())));
                        if (collected.next() != null) {
                            return Mono.just(collected.next());
                        }
                        if (hits.size() >= limit) {
                            return index + 1 < catalogs.size()
                                    ? Mono.just(new ListingCursor(catalogs.get(index + 1), null, 0))
                                    : Mono.empty();
                        }
                        return fromCatalog(index + 1, ListingCursor.START);
                    });
        }
    }
}
