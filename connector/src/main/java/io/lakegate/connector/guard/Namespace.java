package io.lakegate.connector.guard;

import java.util.Objects;

/** A catalog ({@code schema == null}) or a schema, lower-case, as a SHOW statement lists it. */
public record Namespace(String catalog, String schema) {

    public Namespace {
        Objects.requireNonNull(catalog, "catalog");
    }

    public static Namespace catalog(String catalog) {
        return new Namespace(catalog, null);
    }

    public static Namespace schema(String catalog, String schema) {
        return new Namespace(catalog, Objects.requireNonNull(schema, "schema"));
    }

    @Override
    public String toString() {
        return schema == null ? catalog : catalog + "." + schema;
    }
}
