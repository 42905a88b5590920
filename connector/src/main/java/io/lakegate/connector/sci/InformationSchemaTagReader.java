package io.lakegate.connector.sci;

import io.lakegate.connector.databricks.StatementExecutionApi;
import io.lakegate.connector.databricks.StatementExecutionApi.Parameter;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.SciPolicy;
import io.lakegate.connector.workspace.Workspace;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Learns every SCI-tagged catalog, schema, table and column the caller can see with ONE statement over
 * {@code system.information_schema.*_tags}. The policy's tag keys are bound parameters (one per key, so the statement
 * text depends only on how many keys there are); values are matched here against the workspace's {@link SciPolicy}.
 * Empty strings stand for absent name parts so the UNION's columns have one type on every engine.
 */
@Component
public class InformationSchemaTagReader {

    private static final String[][] LEVELS = {
        {"catalog", "catalog_name, '' AS schema_name, '' AS table_name, '' AS column_name", "catalog_tags"},
        {"schema", "catalog_name, schema_name, '' AS table_name, '' AS column_name", "schema_tags"},
        {"table", "catalog_name, schema_name, table_name, '' AS column_name", "table_tags"},
        {"column", "catalog_name, schema_name, table_name, column_name", "column_tags"}
    };

    /** The statement for a policy with {@code keys} distinct tag keys, bound as {@code :tag_key_0...}. */
    static String statement(int keys) {
        String in = java.util.stream.IntStream.range(0, keys)
                .mapToObj(i -> ":tag_key_" + i)
                .collect(java.util.stream.Collectors.joining(", "));
        return java.util.Arrays.stream(LEVELS)
                .map(level -> "SELECT '" + level[0] + "' AS lvl, " + level[1]
                        + ", tag_name, tag_value FROM system.information_schema." + level[2]
                        + " WHERE lower(tag_name) IN ("
                        + in + ")")
                .collect(java.util.stream.Collectors.joining(" UNION ALL "));
    }

    private final StatementExecutionApi statements;

    public InformationSchemaTagReader(StatementExecutionApi statements) {
        this.statements = statements;
    }

    public Mono<SciTags> read(CallerIdentity caller, Workspace workspace, String warehouseId) {
        SciPolicy policy = workspace.sci();
        List<String> keys = policy.tagKeys();
        List<Parameter> parameters = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            parameters.add(new Parameter("tag_key_" + i, keys.get(i)));
        }
        return statements
                .query(caller, workspace, warehouseId, statement(keys.size()), parameters)
                .map(rows -> toTags(rows, policy));
    }

    static SciTags toTags(List<List<String>> rows, SciPolicy policy) {
        Set<SecurableRef> tagged = new HashSet<>();
        for (List<String> row : rows) {
            if (row.size() < 7 || !policy.matches(row.get(5), row.get(6))) {
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
                case "column" ->
                    SecurableRef.table(catalog, row.get(2), row.get(3)).column(row.get(4));
                default -> null;
            };
            if (ref != null) {
                tagged.add(ref);
            }
        }
        return SciTags.of(tagged);
    }
}
