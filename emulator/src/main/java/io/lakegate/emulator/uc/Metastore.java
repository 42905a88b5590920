package io.lakegate.emulator.uc;

import io.lakegate.emulator.seed.Seed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The Unity Catalog metastore: catalogs, schemas and tables keyed by lower-case full name, sorted by name as UC lists
 * them. Tables can be added and removed at run time because SQL writes (CREATE/DROP TABLE) really change the catalog.
 */
public final class Metastore {

    private final String metastoreId;
    private final Map<String, UcCatalog> catalogs = new ConcurrentSkipListMap<>();
    private final Map<String, UcSchema> schemas = new ConcurrentSkipListMap<>();
    private final Map<String, UcTable> tables = new ConcurrentSkipListMap<>();

    public Metastore(String metastoreId) {
        this.metastoreId = metastoreId;
    }

    public static Metastore fromSeed(Seed seed) {
        Metastore m = new Metastore(seed.metastoreId());
        long t = seed.createdAt();
        for (Seed.Catalog c : seed.catalogs()) {
            m.catalogs.put(
                    key(c.name()),
                    new UcCatalog(c.name(), c.comment(), c.owner(), c.catalogType(), tags(c.tags()), t, c.owner()));
            for (Seed.Schema s : c.schemas()) {
                String schemaFull = c.name() + "." + s.name();
                m.schemas.put(
                        key(schemaFull),
                        new UcSchema(
                                c.name(),
                                s.name(),
                                s.comment(),
                                s.owner(),
                                tags(s.tags()),
                                stableId("schema:" + schemaFull),
                                t,
                                s.owner()));
                for (Seed.Table tb : s.tables()) {
                    m.putTable(fromSeed(c.name(), s.name(), tb, t));
                }
            }
        }
        return m;
    }

    private static UcTable fromSeed(String catalog, String schema, Seed.Table t, long createdAt) {
        List<UcColumn> cols = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            Seed.Column c = t.columns().get(i);
            cols.add(new UcColumn(
                    c.name(),
                    i,
                    c.typeName(),
                    c.typeText(),
                    c.nullable(),
                    c.comment(),
                    c.typePrecision(),
                    c.typeScale(),
                    tags(c.tags())));
        }
        String full = catalog + "." + schema + "." + t.name();
        return new UcTable(
                catalog,
                schema,
                t.name(),
                t.tableType(),
                t.dataSourceFormat(),
                t.comment(),
                t.owner(),
                t.viewDefinition(),
                tags(t.tags()),
                List.copyOf(cols),
                stableId("table:" + full),
                createdAt,
                t.owner());
    }

    private static Map<String, String> tags(Map<String, String> tags) {
        return tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Deterministic ids so the same seed always yields the same table_id/schema_id. */
    public static String stableId(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String key(String fullName) {
        return fullName.toLowerCase(Locale.ROOT);
    }

    public String metastoreId() {
        return metastoreId;
    }

    public List<UcCatalog> catalogs() {
        return List.copyOf(catalogs.values());
    }

    public Optional<UcCatalog> catalog(String name) {
        return Optional.ofNullable(catalogs.get(key(name)));
    }

    public List<UcSchema> schemas(String catalogName) {
        String prefix = key(catalogName) + ".";
        return schemas.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .toList();
    }

    public List<UcSchema> allSchemas() {
        return List.copyOf(schemas.values());
    }

    public Optional<UcSchema> schema(String fullName) {
        return Optional.ofNullable(schemas.get(key(fullName)));
    }

    public List<UcTable> tables(String catalogName, String schemaName) {
        String prefix = key(catalogName + "." + schemaName) + ".";
        return tables.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .toList();
    }

    public List<UcTable> tablesInCatalog(String catalogName) {
        String prefix = key(catalogName) + ".";
        return tables.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .toList();
    }

    public List<UcTable> allTables() {
        return List.copyOf(tables.values());
    }

    public Optional<UcTable> table(String fullName) {
        return Optional.ofNullable(tables.get(key(fullName)));
    }

    public void putTable(UcTable table) {
        tables.put(key(table.fullName()), table);
    }

    public void removeTable(String fullName) {
        tables.remove(key(fullName));
    }
}
