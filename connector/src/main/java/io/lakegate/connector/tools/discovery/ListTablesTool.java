package io.lakegate.connector.tools.discovery;

import io.lakegate.connector.databricks.UnityCatalogApi;
import io.lakegate.connector.databricks.model.TableInfo;
import io.lakegate.connector.sci.SciIndex;
import io.lakegate.connector.sci.SecurableRef;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolGroup;
import io.lakegate.connector.tools.ToolResults;
import io.lakegate.connector.tools.paging.PageCollector;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code list_tables}: tables and views of one schema, SCI ones (directly or inherited) removed. */
@Component
public class ListTablesTool implements LakegateTool {

    record Table(String name, String fullName, String tableType, String comment) {}

    record Result(String catalogName, String schemaName, List<Table> tables, String nextCursor) {}

    private final UnityCatalogApi uc;
    private final SciIndex sci;
    private final Listing listing;

    public ListTablesTool(UnityCatalogApi uc, SciIndex sci, Listing listing) {
        this.uc = uc;
        this.sci = sci;
        this.listing = listing;
    }

    @Override
    public String name() {
        return "list_tables";
    }

    @Override
    public String description() {
        return "List the tables and views of one Unity Catalog schema that the signed-in user can see. Returns "
                + "{\"catalog_name\",\"schema_name\",\"tables\":[{\"name\",\"full_name\",\"table_type\",\"comment\"}],"
                + "\"next_cursor\"?} without columns. " + Listing.PAGING_HELP + " Strictly Confidential (SCI) tables "
                + "are never listed; an SCI or unknown schema answers NOT_FOUND. Next step: get_table(full_name) for "
                + "columns, or search_tables to find tables by name.";
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["catalog_name", "schema_name"], "properties": {
                "catalog_name": {"type": "string", "minLength": 1, "description": "Catalog name, as returned by list_catalogs."},
                "schema_name": {"type": "string", "minLength": 1, "description": "Schema name (without the catalog), as returned by list_schemas."},
                $PAGING}}""".replace("$PAGING", Listing.PAGING_PROPERTIES);
    }

    @Override
    public ToolGroup group() {
        return ToolGroup.DISCOVERY;
    }

    @Override
    public String outputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["catalog_name", "schema_name", "tables"], "properties": {
                "catalog_name": {"type": "string"},
                "schema_name": {"type": "string"},
                "tables": {"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {
                  "name": {"type": "string"}, "full_name": {"type": "string"}, "table_type": {"type": "string"}, "comment": {"type": "string"}}}},
                $NEXT_CURSOR}}""".replace("$NEXT_CURSOR", Listing.NEXT_CURSOR_PROPERTY);
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("List tables", false);
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        String catalog = call.arguments().requiredString("catalog_name");
        String schema = call.arguments().requiredString("schema_name");
        String key = Listing.key(call, catalog, schema);
        var cursor = listing.cursor(call, key);
        int limit = listing.limit(call);
        return sci.tagsCovering(call.caller(), call.workspace(), List.of(SecurableRef.schema(catalog, schema)))
                .flatMap(tags -> tags.hidesSchema(catalog, schema)
                        ? Missing.<PageCollector.Collected<TableInfo>>afterSameWork(
                                uc.listTables(
                                        call.caller(), call.workspace(), catalog, schema, null, listing.pageSize()),
                                Missing.schema(catalog, schema))
                        : PageCollector.<TableInfo>collect(
                                token -> uc.listTables(
                                        call.caller(), call.workspace(), catalog, schema, token, listing.pageSize()),
                                page -> sci.tagsCovering(
                                                call.caller(),
                                                call.workspace(),
                                                page.stream()
                                                        .map(t -> SecurableRef.table(catalog, schema, t.name()))
                                                        .toList())
                                        .map(t -> (Predicate<TableInfo>)
                                                table -> !t.hidesTable(catalog, schema, table.name())),
                                cursor,
                                limit,
                                listing.maxPages()))
                .onErrorMap(Missing::concealed, e -> Missing.schema(catalog, schema))
                .flatMap(r -> sci.tagsCovering(
                                call.caller(),
                                call.workspace(),
                                r.items().stream()
                                        .map(t -> SecurableRef.table(catalog, schema, t.name()))
                                        .toList())
                        .map(tags -> ToolResults.json(new Result(
                                catalog,
                                schema,
                                r.items().stream()
                                        .map(t -> new Table(
                                                t.name(), t.fullName(), t.tableType(), tags.redact(t.comment())))
                                        .toList(),
                                r.next() == null ? null : r.next().encode(key)))));
    }
}
