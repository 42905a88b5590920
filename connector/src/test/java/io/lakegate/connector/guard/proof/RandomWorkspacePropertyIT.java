package io.lakegate.connector.guard.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12's property test: a random metastore (catalogs, schemas, tables, views) with the SCI tag put at random on
 * catalogs, schemas, tables, views and columns, random queries over it through {@code proxy_to_sql}, as carol (admin)
 * and alice (SELECT on everything). Properties: no SCI cell value in any answer (every cell holds a unique random
 * token, so a hit is never a coincidence), and a query naming an SCI object or an SCI column is refused.
 *
 * <p>Bounded: one workspace, {@link #QUERIES} queries. Reproduce a failure with the printed seed:
 * {@code -Dlakegate.proof.seed=<seed>}.
 */
class RandomWorkspacePropertyIT {

    static final int QUERIES = 200;
    static final long DEFAULT_SEED = 20_261_207L;

    private record Column(String name, String type, boolean sci) {}

    /** A table or view; {@code sci} when it or its schema or catalog is tagged. */
    private record Relation(String fq, List<Column> columns, boolean sci, boolean view) {
        List<Column> pick(Random r, int n) {
            List<Column> copy = new ArrayList<>(columns);
            java.util.Collections.shuffle(copy, r);
            return copy.subList(0, Math.max(1, Math.min(n, copy.size())));
        }
    }

    private record Query(String sql, boolean mustRefuse) {}

    @Test
    void randomTagsRandomQueriesNoSciValue() {
        long seed = Long.getLong("lakegate.proof.seed", DEFAULT_SEED);
        System.out.println("property test seed " + seed + " (rerun with -Dlakegate.proof.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Relation> relations = new ArrayList<>();
        SeedWorkspace workspace = randomWorkspace(random, relations);
        SciValues sci = SciValues.of(workspace, HostileWorkspace.TAG_KEY, HostileWorkspace.TAG_VALUE);
        List<Query> queries = IntStream.range(0, QUERIES)
                .mapToObj(i -> randomQuery(random, relations))
                .toList();
        List<String> users = List.of(ConnectorHarness.CAROL, ConnectorHarness.ALICE);

        try (ProofConnector proof = new ProofConnector(workspace.publish("random-" + seed))) {
            List<Map.Entry<String, Query>> calls = new ArrayList<>();
            queries.forEach(q -> users.forEach(u -> calls.add(Map.entry(u, q))));
            List<String> problems = new ArrayList<>();
            int[] counts = new int[3];
            proof.parallel(
                    calls,
                    call -> {
                        ProofConnector.Outcome o =
                                proof.sql(call.getKey(), call.getValue().sql());
                        List<String> leaks = sci.foundIn(o.text());
                        String who = call.getKey().replace("@lakegate.dev", "");
                        synchronized (problems) {
                            counts[o.refused() ? 0 : o.failure() != null ? 2 : 1]++;
                            if (!leaks.isEmpty()) {
                                problems.add("LEAK as " + who + ": " + leaks.subList(0, Math.min(3, leaks.size()))
                                        + " <- " + call.getValue().sql());
                            } else if (call.getValue().mustRefuse() && !o.refused()) {
                                problems.add((o.failure() != null ? "NO ANSWER " : "ANSWERED ") + "as " + who + ": "
                                        + call.getValue().sql());
                            }
                        }
                        return o;
                    },
                    HostileWorkspace.CORPUS_BUDGET);
            long sciRelations = relations.stream().filter(Relation::sci).count();
            System.out.printf(
                    "property test: %d relations (%d SCI), %s; %d calls: %d refused, %d answered, %d no answer,"
                            + " %d problems%n",
                    relations.size(),
                    sciRelations,
                    sci,
                    calls.size(),
                    counts[0],
                    counts[1],
                    counts[2],
                    problems.size());
            problems.stream().limit(30).forEach(p -> System.out.println("  " + p));
            assertThat(problems).as("property test, seed " + seed).isEmpty();
        }
    }

    private static SeedWorkspace randomWorkspace(Random r, List<Relation> relations) {
        SeedWorkspace bundled = SeedWorkspace.bundled();
        ObjectNode root = SeedWorkspace.JSON.createObjectNode();
        for (String field :
                List.of("metastore_id", "workspace_id", "created_at", "server_page_size", "users", "warehouses")) {
            root.set(field, bundled.root.get(field).deepCopy());
        }
        root.putArray("genie_spaces");
        ArrayNode grants = root.putArray("grants");
        ArrayNode catalogs = root.putArray("catalogs");
        List<Relation> tables = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            String catalog = "pc" + c + "_" + word(r);
            // at most one SCI catalog: with more, inheritance makes nearly everything SCI and the test says little
            boolean catalogSci = c == 2 && r.nextDouble() < 0.5;
            ObjectNode cat = catalogs.addObject();
            cat.put("name", catalog);
            cat.put("comment", "random");
            cat.put("owner", "admins");
            cat.put("catalog_type", "MANAGED_CATALOG");
            tag(cat, catalogSci);
            ObjectNode grant = grants.addObject();
            grant.put("principal", ConnectorHarness.ALICE);
            grant.put("securable_type", "CATALOG");
            grant.put("securable_name", catalog);
            grant.putArray("privileges").add("USE_CATALOG").add("USE_SCHEMA").add("SELECT");
            ArrayNode schemas = cat.putArray("schemas");
            for (int s = 0; s < 2; s++) {
                String schema = "ps" + s + "_" + word(r);
                boolean schemaSci = catalogSci || r.nextDouble() < 0.15;
                ObjectNode sch = schemas.addObject();
                sch.put("name", schema);
                sch.put("comment", "random");
                sch.put("owner", "admins");
                tag(sch, schemaSci && !catalogSci || (catalogSci && r.nextBoolean()));
                ArrayNode list = sch.putArray("tables");
                for (int t = 0; t < 4; t++) {
                    String table = "pt" + t + "_" + word(r);
                    boolean tableTag = r.nextDouble() < 0.15;
                    ObjectNode tbl = list.addObject();
                    tbl.put("name", table);
                    tbl.put("table_type", "MANAGED");
                    tbl.put("data_source_format", "DELTA");
                    tbl.put("comment", "random");
                    tbl.put("owner", "admins");
                    tag(tbl, tableTag);
                    List<Column> columns = new ArrayList<>();
                    columns.add(new Column("id", "bigint", false));
                    int width = 2 + r.nextInt(4);
                    for (int k = 0; k < width; k++) {
                        boolean colSci = r.nextDouble() < 0.25;
                        columns.add(new Column(
                                "k" + k + "_" + word(r), k == width - 1 ? "decimal(18,2)" : "string", colSci));
                    }
                    ArrayNode cols = tbl.putArray("columns");
                    for (Column col : columns) {
                        ObjectNode cn = cols.addObject();
                        cn.put("name", col.name());
                        cn.put("type_name", SeedWorkspace.typeName(col.type()));
                        cn.put("type_text", col.type());
                        cn.put("nullable", true);
                        tag(cn, col.sci());
                    }
                    ArrayNode rows = tbl.putArray("rows");
                    for (int i = 1; i <= 6; i++) {
                        ArrayNode row = rows.addArray();
                        row.add(i);
                        for (Column col : columns.subList(1, columns.size())) {
                            if (col.type().startsWith("decimal")) {
                                row.add((100_000 + r.nextInt(899_999)) + "." + (10 + r.nextInt(89)));
                            } else {
                                row.add("tk" + HexFormat.of().toHexDigits(r.nextLong()));
                            }
                        }
                    }
                    Relation rel = new Relation(
                            catalog + "." + schema + "." + table, columns, catalogSci || schemaSci || tableTag, false);
                    tables.add(rel);
                }
            }
        }
        relations.addAll(tables);
        // views: one per schema over a random table anywhere, some tagged themselves, some with tagged columns
        for (JsonNode cat : catalogs) {
            boolean catalogSci = HostileWorkspace.TAG_VALUE.equals(
                    cat.path("tags").path(HostileWorkspace.TAG_KEY).asString(""));
            for (JsonNode sch : cat.path("schemas")) {
                boolean schemaSci = catalogSci
                        || HostileWorkspace.TAG_VALUE.equals(
                                sch.path("tags").path(HostileWorkspace.TAG_KEY).asString(""));
                Relation base = tables.get(r.nextInt(tables.size()));
                List<Column> picked = base.pick(r, 1 + r.nextInt(base.columns().size()));
                boolean viewTag = r.nextDouble() < 0.2;
                String name = "pv_" + word(r);
                ObjectNode view = ((ArrayNode) sch.path("tables")).addObject();
                view.put("name", name);
                view.put("table_type", "VIEW");
                view.put("comment", "random view");
                view.put("owner", "admins");
                view.put(
                        "view_definition",
                        "SELECT " + picked.stream().map(Column::name).collect(Collectors.joining(", ")) + " FROM "
                                + base.fq());
                tag(view, viewTag);
                List<Column> viewColumns = new ArrayList<>();
                ArrayNode cols = view.putArray("columns");
                for (Column col : picked) {
                    boolean colTag = r.nextDouble() < 0.2;
                    ObjectNode cn = cols.addObject();
                    cn.put("name", col.name());
                    cn.put("type_name", SeedWorkspace.typeName(col.type()));
                    cn.put("type_text", col.type());
                    cn.put("nullable", true);
                    tag(cn, colTag);
                    // SCI by its own tag or by the base column it shows (views are checked through their definition)
                    viewColumns.add(new Column(col.name(), col.type(), colTag || col.sci()));
                }
                view.putArray("rows");
                relations.add(new Relation(
                        cat.path("name").asString() + "." + sch.path("name").asString() + "." + name,
                        viewColumns,
                        schemaSci || viewTag || base.sci(),
                        true));
            }
        }
        root.put("default_catalog", tables.get(0).fq().split("\\.")[0]);
        root.put("default_schema", tables.get(0).fq().split("\\.")[1]);
        return SeedWorkspace.of(root);
    }

    private static Query randomQuery(Random r, List<Relation> relations) {
        Relation a = relations.get(r.nextInt(relations.size()));
        Relation b = relations.get(r.nextInt(relations.size()));
        List<Column> cols = a.pick(r, 1 + r.nextInt(3));
        String names = cols.stream().map(Column::name).collect(Collectors.joining(", "));
        boolean namesSci = cols.stream().anyMatch(Column::sci);
        Column one = cols.get(0);
        String aliases = IntStream.range(0, 1 + r.nextInt(a.columns().size()))
                .mapToObj(i -> "c" + i)
                .collect(Collectors.joining(", "));
        String lastAlias = "c" + (aliases.split(", ").length - 1);
        return switch (r.nextInt(14)) {
            case 0 -> new Query("SELECT * FROM " + a.fq(), a.sci());
            case 1 -> new Query("SELECT " + names + " FROM " + a.fq(), a.sci() || namesSci);
            case 2 -> new Query("SELECT x." + lastAlias + " FROM " + a.fq() + " AS x(" + aliases + ")", a.sci());
            case 3 ->
                new Query(
                        "WITH q(" + aliases + ") AS (SELECT * FROM " + a.fq() + ") SELECT " + lastAlias + " FROM q",
                        a.sci());
            case 4 ->
                new Query("SELECT * FROM " + a.fq() + " x JOIN " + b.fq() + " y ON x.id = y.id", a.sci() || b.sci());
            case 5 ->
                new Query(
                        "SELECT " + one.name() + " FROM " + a.fq() + " UNION ALL SELECT "
                                + b.columns().get(b.columns().size() - 1).name() + " FROM " + b.fq(),
                        a.sci()
                                || b.sci()
                                || one.sci()
                                || b.columns().get(b.columns().size() - 1).sci());
            case 6 -> new Query("SELECT to_json(struct(*)) FROM " + a.fq(), a.sci());
            case 7 -> new Query("TABLE " + a.fq(), a.sci());
            case 8 -> new Query("SELECT count(*), max(" + one.name() + ") FROM " + a.fq(), a.sci() || one.sci());
            case 9 ->
                new Query(
                        "SELECT * FROM " + a.fq() + " WHERE id IN (SELECT id FROM " + b.fq() + ")", a.sci() || b.sci());
            case 10 -> new Query("SELECT * FROM (SELECT * FROM " + a.fq() + ") sub", a.sci());
            case 11 ->
                new Query(
                        "SELECT concat_ws(',', collect_list(CAST(" + one.name() + " AS STRING))) FROM " + a.fq(),
                        a.sci() || one.sci());
            case 12 ->
                new Query(
                        "SELECT `" + one.name() + "` FROM `" + a.fq().replace(".", "`.`") + "`", a.sci() || one.sci());
            default ->
                new Query(
                        "SELECT * FROM IDENTIFIER('" + a.fq() + "') t, " + b.fq() + " u WHERE t.id = u.id",
                        a.sci() || b.sci());
        };
    }

    private static void tag(ObjectNode node, boolean sci) {
        if (sci) {
            node.putObject("tags").put(HostileWorkspace.TAG_KEY, HostileWorkspace.TAG_VALUE);
        }
    }

    private static final List<String> WORDS = List.of(
            "amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "heron", "iris", "juniper", "kelp", "lumen",
            "maple", "nectar", "onyx", "pearl", "quartz", "raven", "sage", "tundra", "umber", "vale", "willow",
            "yarrow", "zephyr");

    private static String word(Random r) {
        return WORDS.get(r.nextInt(WORDS.size()));
    }
}
