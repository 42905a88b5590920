package io.lakegate.connector.guard;

import java.util.List;
import java.util.Set;

import net.sf.jsqlparser.schema.Table;

import io.lakegate.connector.guard.GuardDecision.RefusalKind;

/** A table reference resolved the way Databricks resolves it: three lower-case, unquoted parts. */
record QualifiedName(String catalog, String schema, String table) {

    /** Data-source prefixes of path-based reads ({@code delta.`/mnt/x`}), which bypass Unity Catalog tags. */
    private static final Set<String> FILE_FORMATS =
            Set.of("delta", "parquet", "json", "csv", "text", "orc", "avro", "binaryfile", "cloudfiles");

    /**
     * Resolves a table as written against the default catalog and schema: {@code t} → default.default.t,
     * {@code s.t} → default-catalog.s.t, {@code c.s.t} as written. More parts and path-based reads are refused.
     */
    static QualifiedName resolve(Table table, String defaultCatalog, String defaultSchema) {
        List<String> parts = table.getNameParts(); // innermost first: table, schema, catalog
        String written = table.getFullyQualifiedName();
        if (parts.isEmpty() || parts.size() > 3) {
            throw new GuardRefusal(RefusalKind.UNSUPPORTED_CONSTRUCT,
                    "table name '" + written + "' has more than three parts", written);
        }
        // Databricks time travel 't@v3' arrives as a database-link suffix; the table is the part before it
        String name = Identifiers.normalise(table.getName());
        String schema = parts.size() >= 2 ? Identifiers.normalise(parts.get(1)) : defaultSchema;
        String catalog = parts.size() == 3 ? Identifiers.normalise(parts.get(2)) : defaultCatalog;
        if (name.contains("/") || name.contains(":") || (parts.size() == 2 && FILE_FORMATS.contains(schema))) {
            throw new GuardRefusal(RefusalKind.UNSUPPORTED_CONSTRUCT,
                    "path-based reads bypass Unity Catalog governance and are refused: " + written, written);
        }
        return new QualifiedName(catalog, schema, name);
    }

    static QualifiedName of(String catalog, String schema, String table) {
        return new QualifiedName(catalog, schema, table);
    }

    @Override
    public String toString() {
        return catalog + "." + schema + "." + table;
    }
}
