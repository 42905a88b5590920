package io.lakegate.connector.tools.discovery;

import io.lakegate.connector.databricks.UnityCatalogApi;
import io.lakegate.connector.databricks.model.TableDetail;
import io.lakegate.connector.sci.SciIndex;
import io.lakegate.connector.sci.SecurableRef;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolException;
import io.lakegate.connector.tools.ToolGroup;
import io.lakegate.connector.tools.ToolResults;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code get_table}: one table with its columns. An SCI table (or one in an SCI schema or catalog) answers exactly
 * like a table that does not exist, after the same Databricks call; SCI columns are removed.
 */
@Component
public class GetTableTool implements LakegateTool {

    private final UnityCatalogApi uc;
    private final SciIndex sci;

    public GetTableTool(UnityCatalogApi uc, SciIndex sci) {
        this.uc = uc;
        this.sci = sci;
    }

    @Override
    public String name() {
        return "get_table";
    }

    @Override
    public String description() {
        return "Describe one Unity Catalog table or view: {\"name\",\"full_name\",\"table_type\",\"data_source_format\","
                + "\"comment\",\"owner\",\"columns\":[{\"name\",\"type_text\",\"nullable\",\"comment\",\"partition_index\"}]}. "
                + "Strictly Confidential (SCI) columns are omitted; an SCI or unknown table answers NOT_FOUND. "
                + "Use the full name in SQL through proxy_to_sql.";
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["full_name"], "properties": {
                "full_name": {"type": "string", "minLength": 5,
                              "description": "Three-part name catalog.schema.table, e.g. sales.orders.orders."}}}""";
    }

    @Override
    public ToolGroup group() {
        return ToolGroup.DISCOVERY;
    }

    @Override
    public String outputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["full_name", "columns"], "properties": {
                "name": {"type": "string"},
                "catalog_name": {"type": "string"},
                "schema_name": {"type": "string"},
                "full_name": {"type": "string"},
                "table_type": {"type": "string"},
                "data_source_format": {"type": "string"},
                "comment": {"type": "string"},
                "owner": {"type": "string"},
                "columns": {"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {
                  "name": {"type": "string"}, "type_text": {"type": "string"}, "nullable": {"type": "boolean"},
                  "comment": {"type": "string"}, "partition_index": {"type": "integer"}}}}}}""";
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("Describe table", false);
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        String fullName = call.arguments().requiredString("full_name");
        SecurableRef table = SecurableRef.parseTable(fullName)
                .orElseThrow(() -> ToolException.invalidArgument(
                        "argument 'full_name' must be catalog.schema.table, got '" + fullName + "'"));
        return sci.tagsCovering(call.caller(), call.workspace(), List.of(table))
                .flatMap(tags -> tags.hides(table)
                        ? Missing.<TableDetail>afterSameWork(
                                uc.getTable(call.caller(), call.workspace(), fullName), Missing.table(fullName))
                        : uc.getTable(call.caller(), call.workspace(), fullName).flatMap(detail -> {
                            List<SecurableRef> columns = new ArrayList<>();
                            detail.columns().forEach(c -> columns.add(table.column(c.name())));
                            return sci.tagsCovering(call.caller(), call.workspace(), columns)
                                    .map(all -> detail.withColumns(c -> !all.hides(table.column(c.name())))
                                            .withComments(all::redact));
                        }))
                .onErrorMap(Missing::concealed, e -> Missing.table(fullName))
                .map(ToolResults::json);
    }
}
