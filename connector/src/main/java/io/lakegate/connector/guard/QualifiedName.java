package io.lakegate.connector.guard;

import java.util.List;
import java.util.Objects;

/** A table as Databricks resolves it: three lower-case, unquoted parts. */
public record QualifiedName(String catalog, String schema, String table) {

    public QualifiedName {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    public static QualifiedName of(String catalog, String schema, String table) {
        return new QualifiedName(catalog, schema, table);
    }

    /** The name as the guard writes it into forwarded SQL: every part quoted. */
    List<String> quotedParts() {
        return List.of(SqlLiterals.quote(catalog), ".", SqlLiterals.quote(schema), ".", SqlLiterals.quote(table));
    }

    @Override
    public String toString() {
        return catalog + "." + schema + "." + table;
    }
}
