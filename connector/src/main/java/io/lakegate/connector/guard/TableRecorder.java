package io.lakegate.connector.guard;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A first-pass lookup that knows nothing and records which tables the guard asks about, so the connector can fetch
 * exactly their tags and details before the real check.
 */
final class TableRecorder implements SciLookup {

    final Set<QualifiedName> tables = new LinkedHashSet<>();

    @Override
    public boolean isSciCatalog(String catalog) {
        return false;
    }

    @Override
    public boolean isSciSchema(String catalog, String schema) {
        return false;
    }

    @Override
    public boolean isSciTable(String catalog, String schema, String table) {
        tables.add(QualifiedName.of(catalog, schema, table));
        return false;
    }

    @Override
    public Set<String> sciColumns(String catalog, String schema, String table) {
        return Set.of();
    }

    @Override
    public Optional<List<String>> columns(String catalog, String schema, String table) {
        return Optional.empty();
    }

    @Override
    public Optional<String> viewDefinition(String catalog, String schema, String table) {
        return Optional.empty();
    }

    @Override
    public boolean containsSci(String catalog, String schema) {
        return false;
    }
}
