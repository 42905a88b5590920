package io.lakegate.connector.guard;

import java.util.Locale;
import java.util.Objects;

/**
 * Everything the guard knows about the call: the catalog and schema unqualified names resolve against (what the
 * statement will execute with), the caller's SCI view of the workspace, and the result limits.
 */
public record GuardContext(String defaultCatalog, String defaultSchema, SciLookup sci, GuardLimits limits) {

    public GuardContext {
        defaultCatalog = normalise(Objects.requireNonNullElse(defaultCatalog, "hive_metastore"));
        defaultSchema = normalise(Objects.requireNonNullElse(defaultSchema, "default"));
        Objects.requireNonNull(sci, "sci");
        Objects.requireNonNull(limits, "limits");
    }

    /** This context with another default catalog and schema (used to expand a view in the view's own namespace). */
    GuardContext within(String catalog, String schema) {
        return new GuardContext(catalog, schema, sci, limits);
    }

    private static String normalise(String name) {
        return Identifiers.normalise(name).toLowerCase(Locale.ROOT);
    }
}
