package io.lakegate.connector.sci;

import io.lakegate.connector.auth.CallerIdentity;
import io.lakegate.connector.databricks.StatementExecutionApi;
import io.lakegate.connector.databricks.StatementExecutionApi.Parameter;
import io.lakegate.connector.workspace.Workspace;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Learns every SCI-tagged catalog, schema, table and column the caller can see with ONE statement over
 * {@code system.information_schema.*_tags}. The key is a bound parameter; values are matched here against the
 * workspace's {@link SciPolicy} so the statement text never changes. Empty strings stand for absent name parts so the
 * UNION's columns have one type on every engine.
 */
@Component
public class InformationSchemaTagReader {

    static final String STATEMENT = """
            SELECT 'catalog' AS lvl, catalog_name, '' AS schema_name, '' AS table_name, '' AS column_name, tag_value \
            FROM system.information_schema.catalog_tags WHERE tag_name = :tag_key \
            UNION ALL \
            SELECT 'schema' AS lvl, catalog_name, schema_name, '' AS table_name, '' AS column_name, tag_value \
            FROM system.information_schema.schema_tags WHERE tag_name = :tag_key \
            UNION ALL \
            SELECT 'table' AS lvl, catalog_name, schema_name, table_name, '' AS column_name, tag_value \
            FROM system.information_schema.table_tags WHERE tag_name = :tag_key \
            UNION ALL \
            SELECT 'column' AS lvl, catalog_name, schema_name, table_name, column_name, tag_value \
            FROM system.information_schema.column_tags WHERE tag_name = :tag_key""";

    private final StatementExecutionApi statements;

    public InformationSchemaTagReader(StatementExecutionApi statements) {
        this.statements = statements;
    }

    public Mono<SciTags> read(CallerIdentity caller, Workspace workspace, String warehouseId) {
        SciPolicy policy = workspace.sci();
        return statements.query(caller, workspace, warehouseId, STATEMENT,
                        List.of(new Parameter("tag_key", policy.tagKey())))
                .map(rows -> toTags(rows, policy));
    }

    static SciTags toTags(List<List<String>> rows, SciPolicy policy) {
        Set<SecurableRef> tagged = new HashSet<>();
        for (List<String> row : rows) {
            if (row.size() < 6 || !policy.matches(policy.tagKey(), row.get(5))) {
                continue;
            }
            String catalog = row.get(1);
            if (catalog == null || catalog.isEmpty()) {
                continue;
            }
            SecurableRef ref = switch (row.get(0)) {
                case "catalog" -> SecurableRef.catalog(catalog);
                case "schema" -> SecurableRef.schema(catalog, row.get(2));
                case "table" -> SecurableRef.table(catalog, row.get(2), row.get(3));
                case "column" -> SecurableRef.table(catalog, row.get(2), row.get(3)).column(row.get(4));
                default -> null;
            };
            if (ref != null) {
                tagged.add(ref);
            }
        }
        return SciTags.of(tagged);
    }
}
