package io.lakegate.connector.guard;

import java.util.Locale;
import java.util.Objects;

/**
 * Everything the guard knows about the call: the catalog and schema unqualified names resolve against (what the
 * statement will execute with), the Unity Catalog facts learned so far as the caller sees them, and the result limits.
 * When the namespace the warehouse will use is not known, pass null: the guard then refuses any name that is not fully
 * qualified, rather than guess a namespace the warehouse might not use.
 */
public record GuardContext(String defaultCatalog, String defaultSchema, GuardFacts facts, GuardLimits limits) {

    public GuardContext {
        defaultCatalog = defaultCatalog == null ? null : defaultCatalog.toLowerCase(Locale.ROOT);
        defaultSchema = defaultSchema == null ? null : defaultSchema.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(limits, "limits");
    }

    /** This context with another default catalog and schema (a view's definition resolves in the view's namespace). */
    GuardContext within(String catalog, String schema) {
        return new GuardContext(catalog, schema, facts, limits);
    }

    public GuardContext withFacts(GuardFacts more) {
        return new GuardContext(defaultCatalog, defaultSchema, more, limits);
    }
}
