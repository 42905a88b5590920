package io.lakegate.connector.guard;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.lakegate.emulator.seed.Seed;

/**
 * The emulator seed's SCI picture as the connector's SCI index would learn it (tag key {@code classification}, value
 * {@code SCI}, tags stored per object without inheritance), for guard tests against the real emulator.
 */
final class SeedSciLookup implements SciLookup {

    private final FixtureWorkspace model = new FixtureWorkspace();

    SeedSciLookup(Seed seed) {
        for (Seed.Catalog c : seed.catalogs()) {
            if (isSci(c.tags())) {
                model.sciCatalog(key(c.name()));
            }
            for (Seed.Schema s : c.schemas()) {
                if (isSci(s.tags())) {
                    model.sciSchema(key(c.name(), s.name()));
                }
                for (Seed.Table t : s.tables()) {
                    String fqn = key(c.name(), s.name(), t.name());
                    List<String> cols = t.columns().stream().map(Seed.Column::name).toList();
                    model.table(fqn, cols.toArray(String[]::new));
                    if (isSci(t.tags())) {
                        model.sciTable(fqn);
                    }
                    if (t.viewDefinition() != null) {
                        model.view(fqn, t.viewDefinition());
                    }
                    for (Seed.Column col : t.columns()) {
                        if (isSci(col.tags())) {
                            model.sciColumn(fqn, col.name().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
    }

    private static boolean isSci(Map<String, String> tags) {
        return tags != null && "SCI".equalsIgnoreCase(new HashMap<>(tags).getOrDefault("classification", ""));
    }

    private static String key(String... parts) {
        return String.join(".", parts).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean isSciCatalog(String catalog) {
        return model.isSciCatalog(catalog);
    }

    @Override
    public boolean isSciSchema(String catalog, String schema) {
        return model.isSciSchema(catalog, schema);
    }

    @Override
    public boolean isSciTable(String catalog, String schema, String table) {
        return model.isSciTable(catalog, schema, table);
    }

    @Override
    public Set<String> sciColumns(String catalog, String schema, String table) {
        return new HashSet<>(model.sciColumns(catalog, schema, table));
    }

    @Override
    public Optional<List<String>> columns(String catalog, String schema, String table) {
        return model.columns(catalog, schema, table);
    }

    @Override
    public Optional<String> viewDefinition(String catalog, String schema, String table) {
        return model.viewDefinition(catalog, schema, table);
    }

    @Override
    public boolean containsSci(String catalog, String schema) {
        return model.containsSci(catalog, schema);
    }
}
