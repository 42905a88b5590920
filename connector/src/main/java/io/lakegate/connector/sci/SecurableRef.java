package io.lakegate.connector.sci;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Unity Catalog securable by name: a catalog, schema, table or column. Names are kept lowercase because Unity
 * Catalog names are case-insensitive (and stored lowercase), so SCI lookups must be too.
 */
public record SecurableRef(String catalog, String schema, String table, String column) {

    public enum Level {
        CATALOG,
        SCHEMA,
        TABLE,
        COLUMN
    }

    public SecurableRef {
        catalog = lower(Objects.requireNonNull(catalog, "catalog"));
        schema = lower(schema);
        table = lower(table);
        column = lower(column);
        if (table != null && schema == null || column != null && table == null) {
            throw new IllegalArgumentException("incomplete securable name");
        }
    }

    public static SecurableRef catalog(String catalog) {
        return new SecurableRef(catalog, null, null, null);
    }

    public static SecurableRef schema(String catalog, String schema) {
        return new SecurableRef(catalog, schema, null, null);
    }

    public static SecurableRef table(String catalog, String schema, String table) {
        return new SecurableRef(catalog, schema, table, null);
    }

    public SecurableRef column(String name) {
        return new SecurableRef(catalog, schema, table, name);
    }

    /** {@code catalog.schema.table} (three non-empty dot-separated parts), else empty. */
    public static Optional<SecurableRef> parseTable(String fullName) {
        if (fullName == null) {
            return Optional.empty();
        }
        String[] parts = fullName.split("\\.", -1);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(table(parts[0], parts[1], parts[2]));
    }

    public Level level() {
        return column != null
                ? Level.COLUMN
                : table != null ? Level.TABLE : schema != null ? Level.SCHEMA : Level.CATALOG;
    }

    public String fullName() {
        StringBuilder name = new StringBuilder(catalog);
        for (String part : new String[] {schema, table, column}) {
            if (part != null) {
                name.append('.').append(part);
            }
        }
        return name.toString();
    }

    /** This securable and every ancestor, outermost first: the objects whose tags decide whether this one is SCI. */
    public List<SecurableRef> selfAndAncestors() {
        List<SecurableRef> chain = new ArrayList<>();
        chain.add(catalog(catalog));
        if (schema != null) {
            chain.add(schema(catalog, schema));
        }
        if (table != null) {
            chain.add(table(catalog, schema, table));
        }
        if (column != null) {
            chain.add(this);
        }
        return chain;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
