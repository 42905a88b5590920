package io.lakegate.connector.tools.discovery;

import io.lakegate.connector.databricks.UnityCatalogApi;
import io.lakegate.connector.databricks.model.CatalogInfo;
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

/** {@code list_catalogs}: the caller's Unity Catalog catalogs, SCI catalogs removed. */
@Component
public class ListCatalogsTool implements LakegateTool {

    record Result(List<CatalogInfo> catalogs, String nextCursor) {}

    private final UnityCatalogApi uc;
    private final SciIndex sci;
    private final Listing listing;

    public ListCatalogsTool(UnityCatalogApi uc, SciIndex sci, Listing listing) {
        this.uc = uc;
        this.sci = sci;
        this.listing = listing;
    }

    @Override
    public String name() {
        return "list_catalogs";
    }

    @Override
    public String description() {
        return "List the Unity Catalog catalogs the signed-in user can see in the Databricks workspace. Returns "
                + "{\"catalogs\":[{\"name\",\"catalog_type\",\"comment\",\"owner\"}],\"next_cursor\"?}. "
                + Listing.PAGING_HELP + " Catalogs classified Strictly Confidential (SCI) are never listed. "
                + "Next step: list_schemas(catalog_name).";
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "properties": {
                $PAGING}}""".replace("$PAGING", Listing.PAGING_PROPERTIES);
    }

    @Override
    public ToolGroup group() {
        return ToolGroup.DISCOVERY;
    }

    @Override
    public String outputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["catalogs"], "properties": {
                "catalogs": {"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {
                  "name": {"type": "string"}, "catalog_type": {"type": "string"}, "comment": {"type": "string"}, "owner": {"type": "string"}}}},
                $NEXT_CURSOR}}""".replace("$NEXT_CURSOR", Listing.NEXT_CURSOR_PROPERTY);
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("List catalogs", false);
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        String key = Listing.key(call);
        return PageCollector.<CatalogInfo>collect(
                        token -> uc.listCatalogs(call.caller(), call.workspace(), token, listing.pageSize()),
                        page -> sci.tagsCovering(
                                        call.caller(),
                                        call.workspace(),
                                        page.stream()
                                                .map(c -> SecurableRef.catalog(c.name()))
                                                .toList())
                                .map(tags -> (Predicate<CatalogInfo>) c -> !tags.hidesCatalog(c.name())),
                        listing.cursor(call, key),
                        listing.limit(call),
                        listing.maxPages())
                .flatMap(r -> sci.tagsCovering(
                                call.caller(),
                                call.workspace(),
                                r.items().stream()
                                        .map(c -> SecurableRef.catalog(c.name()))
                                        .toList())
                        .map(tags -> ToolResults.json(new Result(
                                r.items().stream()
                                        .map(c -> c.withComment(tags::redact))
                                        .toList(),
                                r.next() == null ? null : r.next().encode(key)))));
    }
}
