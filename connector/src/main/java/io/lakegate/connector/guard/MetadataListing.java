package io.lakegate.connector.guard;

import java.util.Objects;

/**
 * What an accepted SHOW or DESCRIBE statement lists, so that its result rows can be filtered like the discovery tools
 * filter theirs: Databricks answers these statements with every name the caller may see, SCI ones included, and the
 * statement alone cannot say which rows are SCI. Names are lower-case; {@code catalog}/{@code schema}/{@code table}
 * are the namespace the statement lists (null where the kind has none).
 *
 * <p>Result columns as Databricks documents them: CATALOGS {@code catalog}; SCHEMAS {@code databaseName} (or
 * {@code namespace}); TABLES and VIEWS {@code namespace}/{@code database}, {@code tableName}/{@code viewName},
 * {@code isTemporary}; COLUMNS {@code col_name}; DESCRIBE_TABLE {@code col_name}, {@code data_type}, {@code comment}.
 */
public record MetadataListing(Kind kind, String catalog, String schema, String table) {

    public enum Kind {
        CATALOGS,
        SCHEMAS,
        TABLES,
        VIEWS,
        COLUMNS,
        DESCRIBE_TABLE
    }

    public MetadataListing {
        Objects.requireNonNull(kind, "kind");
    }
}
