package io.lakegate.connector.guard;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the guard knows about the call: the catalog and schema unqualified names resolve against (what the
 * statement will execute with), the Unity Catalog facts learned so far as the caller sees them, the result limits, and
 * the {@code system} / {@code information_schema} tables an operator chose to allow (none by default: they list SCI
 * names and tags). When the namespace the warehouse will use is not known, pass null: the guard then refuses any name
 * that is not fully qualified, rather than guess a namespace the warehouse might not use.
 */
public record GuardContext(
        String defaultCatalog,
        String defaultSchema,
        GuardFacts facts,
        GuardLimits limits,
        Set<QualifiedName> metadataTables) {

    public GuardContext {
        defaultCatalog = defaultCatalog == null ? null : defaultCatalog.toLowerCase(Locale.ROOT);
        defaultSchema = defaultSchema == null ? null : defaultSchema.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(limits, "limits");
        metadataTables = Set.copyOf(metadataTables);
    }

    public GuardContext(String defaultCatalog, String defaultSchema, GuardFacts facts, GuardLimits limits) {
        this(defaultCatalog, defaultSchema, facts, limits, Set.of());
    }

    /** This context with another default catalog and schema (a view's definition resolves in the view's namespace). */
    GuardContext within(String catalog, String schema) {
        return new GuardContext(catalog, schema, facts, limits, metadataTables);
    }

    public GuardContext withFacts(GuardFacts more) {
        return new GuardContext(defaultCatalog, defaultSchema, more, limits, metadataTables);
    }

    /** Catalog {@code system} and every {@code information_schema} list SCI names and tags: allowed only by name. */
    boolean refusesMetadataTable(QualifiedName name) {
        return ("system".equals(name.catalog()) || "information_schema".equals(name.schema()))
                && !metadataTables.contains(name);
    }
}
