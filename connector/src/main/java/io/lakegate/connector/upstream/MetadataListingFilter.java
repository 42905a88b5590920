package io.lakegate.connector.upstream;

import io.lakegate.connector.guard.JsonTrees;
import io.lakegate.connector.guard.MetadataListing;
import io.lakegate.connector.sci.SciTags;
import io.lakegate.connector.sci.SecurableRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Drops the rows of a SHOW/DESCRIBE result that name an SCI catalog, schema, table or column. Databricks answers these
 * statements with every name the caller may see, so the guard cannot make the statement itself safe; the rows are
 * filtered like the discovery tools filter their listings. Works on the statement result shapes the connector relays
 * (REST rows as string arrays, managed-MCP rows as {@code {"values":[{"string_value":..}]}}).
 *
 * <p>Fail closed: when the listed namespace is SCI, when the result lacks the column that names the listed objects,
 * or when a row's name cell cannot be read, no row is kept.
 */
public final class MetadataListingFilter {

    /** The filtered result (a copy) and how many rows were dropped. */
    public record Filtered(Map<String, Object> result, int dropped) {}

    private MetadataListingFilter() {}

    /**
     * The securables whose SCI tags decide about the rows of {@code result}: the namespace itself and one per row,
     * for {@link io.lakegate.connector.sci.SciIndex} to fetch before {@link #filter}.
     */
    public static Set<SecurableRef> named(MetadataListing listing, Map<String, Object> result) {
        Set<SecurableRef> refs = new LinkedHashSet<>();
        SecurableRef namespace = namespace(listing);
        if (namespace != null) {
            refs.add(namespace);
        }
        Map<String, Object> data = JsonTrees.object(result.get("result"));
        List<Object> rows = data == null ? null : JsonTrees.array(rowsOf(data));
        int[] columns = nameColumns(listing, result);
        if (rows == null || columns == null) {
            return refs;
        }
        for (Object row : rows) {
            SecurableRef ref = rowRef(listing, row, columns);
            if (ref != null) {
                refs.add(ref);
            }
        }
        return refs;
    }

    /**
     * {@code result} without the rows naming SCI objects, as decided by {@code tags} (which must cover
     * {@link #named}).
     */
    public static Filtered filter(MetadataListing listing, Map<String, Object> result, SciTags tags) {
        Map<String, Object> copy = JsonTrees.object(JsonTrees.copy(result));
        Map<String, Object> data = JsonTrees.object(copy.get("result"));
        List<Object> rows = data == null ? null : JsonTrees.array(rowsOf(data));
        if (rows == null || rows.isEmpty()) {
            return new Filtered(copy, 0);
        }
        SecurableRef namespace = namespace(listing);
        int[] columns = nameColumns(listing, copy);
        boolean dropAll = namespace == null && listing.kind() != MetadataListing.Kind.CATALOGS
                || namespace != null && tags.hides(namespace)
                || columns == null;
        List<Object> kept = new ArrayList<>();
        for (Object row : rows) {
            if (dropAll) {
                continue;
            }
            SecurableRef ref = rowRef(listing, row, columns);
            boolean informational = ref == null && isDescribeSection(listing, row, columns);
            if (informational || ref != null && !tags.hides(ref)) {
                kept.add(row);
            }
        }
        int dropped = rows.size() - kept.size();
        if (dropped > 0) {
            data.put(
                    data.containsKey("dataArray") && !data.containsKey("data_array") ? "dataArray" : "data_array",
                    kept);
            if (data.containsKey("row_count")) {
                data.put("row_count", kept.size());
            }
            Map<String, Object> manifest = JsonTrees.object(copy.get("manifest"));
            if (manifest != null && manifest.containsKey("total_row_count")) {
                manifest.put("total_row_count", kept.size());
            }
        }
        return new Filtered(copy, dropped);
    }

    /** The object whose children are listed: SCI there hides the whole listing. */
    private static SecurableRef namespace(MetadataListing listing) {
        try {
            return switch (listing.kind()) {
                case CATALOGS -> null;
                case SCHEMAS -> listing.catalog() == null ? null : SecurableRef.catalog(listing.catalog());
                case TABLES, VIEWS ->
                    listing.catalog() == null || listing.schema() == null
                            ? null
                            : SecurableRef.schema(listing.catalog(), listing.schema());
                case COLUMNS, DESCRIBE_TABLE ->
                    listing.catalog() == null || listing.schema() == null || listing.table() == null
                            ? null
                            : SecurableRef.table(listing.catalog(), listing.schema(), listing.table());
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Indexes of the result columns naming the listed object: [name] or, for TABLES/VIEWS, [name, schema] (schema
     * may be -1 when the result has no namespace column). Null when the name column is missing.
     */
    private static int[] nameColumns(MetadataListing listing, Map<String, Object> result) {
        List<String> names = columnNames(result);
        int name = switch (listing.kind()) {
            case CATALOGS -> index(names, "catalog", "catalog_name");
            case SCHEMAS -> index(names, "databasename", "namespace", "schema_name");
            case TABLES -> index(names, "tablename", "table_name");
            case VIEWS -> index(names, "viewname", "tablename", "view_name");
            case COLUMNS, DESCRIBE_TABLE -> index(names, "col_name", "column_name");
        };
        if (name < 0) {
            return null;
        }
        int schema = listing.kind() == MetadataListing.Kind.TABLES || listing.kind() == MetadataListing.Kind.VIEWS
                ? index(names, "namespace", "database", "databasename", "schema_name")
                : -1;
        return new int[] {name, schema};
    }

    private static SecurableRef rowRef(MetadataListing listing, Object row, int[] columns) {
        String name = cell(row, columns[0]);
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return switch (listing.kind()) {
                case CATALOGS -> SecurableRef.catalog(name);
                case SCHEMAS -> listing.catalog() == null ? null : SecurableRef.schema(listing.catalog(), name);
                case TABLES, VIEWS -> {
                    String schema = columns[1] >= 0
                                    && cell(row, columns[1]) != null
                                    && !cell(row, columns[1]).isBlank()
                            ? cell(row, columns[1])
                            : listing.schema();
                    yield listing.catalog() == null || schema == null
                            ? null
                            : SecurableRef.table(listing.catalog(), schema, name);
                }
                case COLUMNS, DESCRIBE_TABLE ->
                    namespace(listing) == null ? null : namespace(listing).column(name);
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * DESCRIBE TABLE's section rows ({@code # Partition Information}, {@code # col_name}, blank separators) name no
     * column. Every other row without a readable name is dropped.
     */
    private static boolean isDescribeSection(MetadataListing listing, Object row, int[] columns) {
        if (listing.kind() != MetadataListing.Kind.DESCRIBE_TABLE) {
            return false;
        }
        String name = cell(row, columns[0]);
        return name != null && (name.isBlank() || name.startsWith("#"));
    }

    private static List<String> columnNames(Map<String, Object> result) {
        Map<String, Object> manifest = JsonTrees.object(result.get("manifest"));
        Map<String, Object> schema = manifest == null ? null : JsonTrees.object(manifest.get("schema"));
        List<Object> columns = schema == null ? null : JsonTrees.array(schema.get("columns"));
        List<String> names = new ArrayList<>();
        if (columns != null) {
            for (Object c : columns) {
                Map<String, Object> column = JsonTrees.object(c);
                names.add(column != null && column.get("name") instanceof String n ? n.toLowerCase(Locale.ROOT) : "");
            }
        }
        return names;
    }

    private static int index(List<String> names, String... candidates) {
        for (String candidate : candidates) {
            int i = names.indexOf(candidate);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static Object rowsOf(Map<String, Object> data) {
        return data.containsKey("data_array") ? data.get("data_array") : data.get("dataArray");
    }

    /** Cell {@code i} of a REST row (array of strings) or a managed-MCP row ({@code {"values":[{"string_value":..}]}}). */
    static String cell(Object row, int i) {
        List<Object> cells = JsonTrees.array(row);
        if (cells == null && JsonTrees.object(row) != null) {
            cells = JsonTrees.array(JsonTrees.object(row).get("values"));
        }
        if (cells == null || i < 0 || i >= cells.size()) {
            return null;
        }
        Object cell = cells.get(i);
        if (cell instanceof String s) {
            return s;
        }
        Map<String, Object> typed = JsonTrees.object(cell);
        if (typed != null) {
            Object v = typed.containsKey("string_value") ? typed.get("string_value") : typed.get("stringValue");
            return v instanceof String s ? s : null;
        }
        return null;
    }
}
