package io.lakegate.connector.tools.discovery;

import io.lakegate.connector.databricks.UnityCatalogApi;
import io.lakegate.connector.databricks.model.SchemaInfo;
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

/** {@code list_schemas}: schemas of one catalog, SCI schemas (and everything in an SCI catalog) removed. */
@Component
public class ListSchemasTool implements LakegateTool {

    record Result(String catalogName, List<SchemaInfo> schemas, String nextCursor) {}

    private final UnityCatalogApi uc;
    private final SciIndex sci;
    private final Listing listing;

    public ListSchemasTool(UnityCatalogApi uc, SciIndex sci, Listing listing) {
        this.uc = uc;
        this.sci = sci;
        this.listing = listing;
    }

    @Override
    public String name() {
        return "list_schemas";
    }

    @Override
    public String description() {
        return "List the schemas of one Unity Catalog catalog that the signed-in user can see. Returns "
                + "{\"catalog_name\",\"schemas\":[{\"name\",\"full_name\",\"comment\",\"owner\"}],\"next_cursor\"?}. "
                + Listing.PAGING_HELP + " Strictly Confidential (SCI) schemas are never listed; an SCI or unknown "
                + "catalog answers NOT_FOUND. Next step: list_tables(catalog_name, schema_name).";
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["catalog_name"], "properties": {
                "catalog_name": {"type": "string", "minLength": 1, "description": "Catalog name, as returned by list_catalogs."},
                $PAGING}}""".replace("$PAGING", Listing.PAGING_PROPERTIES);
    }

    @Override
    public ToolGroup group() {
        return ToolGroup.DISCOVERY;
    }

    @Override
    public String outputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["catalog_name", "schemas"], "properties": {
                "catalog_name": {"type": "string"},
                "schemas": {"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {
                  "name": {"type": "string"}, "catalog_name": {"type": "string"}, "full_name": {"type": "string"}, "comment": {"type": "string"}, "owner": {"type": "string"}}}},
                $NEXT_CURSOR}}""".replace("$NEXT_CURSOR", Listing.NEXT_CURSOR_PROPERTY);
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("List schemas", false);
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        String catalog = call.arguments().requiredString("catalog_name");
        String key = Listing.key(call, catalog);
        var cursor = listing.cursor(call, key);
        int limit = listing.limit(call);
        return sci.tagsCovering(call.caller(), call.workspace(), List.of(SecurableRef.catalog(catalog)))
                .flatMap(tags -> tags.hidesCatalog(catalog)
                        ? Missing.<PageCollector.Collected<SchemaInfo>>afterSameWork(
                                uc.listSchemas(call.caller(), call.workspace(), catalog, null, listing.pageSize()),
                                Missing.catalog(catalog))
                        : PageCollector.<SchemaInfo>collect(
                                token -> uc.listSchemas(
                                        call.caller(), call.workspace(), catalog, token, listing.pageSize()),
                                page -> sci.tagsCovering(
                                                call.caller(),
                                                call.workspace(),
                                                page.stream()
                                                        .map(s -> SecurableRef.schema(catalog, s.name()))
                                                        .toList())
                                        .map(t -> (Predicate<SchemaInfo>) s -> !t.hidesSchema(catalog, s.name())),
                                cursor,
                                limit,
                                listing.maxPages()))
                .onErrorMap(Missing::concealed, e -> Missing.catalog(catalog))
                .flatMap(r -> sci.tagsCovering(
                                call.caller(),
                                call.workspace(),
                                r.items().stream()
                                        .map(s -> SecurableRef.schema(catalog, s.name()))
                                        .toList())
                        .map(tags -> ToolResults.json(new Result(
                                catalog,
                                r.items().stream()
                                        .map(s -> s.withComment(tags::redact))
                                        .toList(),
                                r.next() == null ? null : r.next().encode(key)))));
    }
}
