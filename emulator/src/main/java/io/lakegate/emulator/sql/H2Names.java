package io.lakegate.emulator.sql;

import java.util.Locale;

/**
 * Where a Unity Catalog object lives in H2: catalog.schema becomes the quoted H2 schema {@code "catalog__schema"},
 * the table keeps its name; information_schema tag tables live in a per-user schema holding only visible rows.
 */
final class H2Names {

    private H2Names() {}

    static String schema(String catalog, String schema) {
        return catalog.toLowerCase(Locale.ROOT) + "__" + schema.toLowerCase(Locale.ROOT);
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String table(String catalog, String schema, String table) {
        return quoted(schema(catalog, schema)) + "." + quoted(table.toLowerCase(Locale.ROOT));
    }

    /** Per-user schema for system.information_schema (catalog "system") or catalog.information_schema. */
    static String infoSchema(int userIndex, String catalog) {
        return "u" + userIndex + "__" + catalog.toLowerCase(Locale.ROOT) + "__information_schema";
    }
}
