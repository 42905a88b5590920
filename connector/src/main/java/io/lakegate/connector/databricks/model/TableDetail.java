package io.lakegate.connector.databricks.model;

import io.lakegate.connector.databricks.Json;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * The useful part of a TableInfo from {@code GET /tables/{full_name}}. The view definition is deliberately not carried:
 * its text can name SCI tables the caller must not learn about.
 */
public record TableDetail(
        String name,
        String catalogName,
        String schemaName,
        String fullName,
        String tableType,
        String dataSourceFormat,
        String comment,
        String owner,
        List<ColumnInfo> columns) {

    public TableDetail {
        columns = List.copyOf(columns);
    }

    public static TableDetail from(JsonNode node) {
        TableInfo base = TableInfo.from(node);
        return new TableDetail(
                base.name(),
                base.catalogName(),
                base.schemaName(),
                base.fullName(),
                base.tableType(),
                Json.text(node, "data_source_format"),
                base.comment(),
                Json.text(node, "owner"),
                Json.list(node, "columns", ColumnInfo::from));
    }

    /** Rewrites the table's and its columns' comments. */
    public TableDetail withComments(UnaryOperator<String> rewrite) {
        return new TableDetail(
                name,
                catalogName,
                schemaName,
                fullName,
                tableType,
                dataSourceFormat,
                rewrite.apply(comment),
                owner,
                columns.stream().map(c -> c.withComment(rewrite)).toList());
    }

    public TableDetail withColumns(Predicate<ColumnInfo> keep) {
        return new TableDetail(
                name,
                catalogName,
                schemaName,
                fullName,
                tableType,
                dataSourceFormat,
                comment,
                owner,
                columns.stream().filter(keep).toList());
    }
}
