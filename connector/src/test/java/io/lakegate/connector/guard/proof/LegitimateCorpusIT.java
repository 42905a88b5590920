package io.lakegate.connector.guard.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The other half of issue 12's proof: a guard that refuses everything passes the hostile corpus. Each analytic query
 * of {@code guard-corpus/legitimate/} (joins, windows, CTEs, aggregates, subqueries, views, SHOW/DESCRIBE; non-SCI data
 * only, expected answers computed from the seed by scripts/generate-legit-corpus.py) runs through
 * {@code proxy_to_sql} as alice and carol. Every answer must be correct (a rewriting guard that changes a result is
 * worse than one that refuses) and the false-refusal rate must stay at or under {@link #MAX_FALSE_REFUSALS}.
 *
 * <p>Why 5 %: an analyst who sees one query in twenty refused rewords it and carries on; past that the tool stops
 * being usable and people route around it (a CSV export), which is the leak Lakegate exists to prevent. The rate is
 * printed, so a guard that does better is visible and the threshold can be lowered.
 */
class LegitimateCorpusIT {

    static final double MAX_FALSE_REFUSALS = 0.05;

    private record Result(Corpus.Entry entry, String user, String verdict, String detail) {}

    @Test
    void analyticQueriesAreAnsweredAndCorrect() {
        List<Corpus.Entry> corpus = Corpus.load("legitimate");
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
        // the bundled seed, which the expected answers were computed from (the hostile workspace adds views)
        SeedWorkspace seed = SeedWorkspace.bundled().copy();
        List<String> users = List.of(ConnectorHarness.ALICE, ConnectorHarness.CAROL);
        try (ProofConnector proof = new ProofConnector(seed.publish("legitimate"))) {
            List<Map.Entry<String, Corpus.Entry>> calls = new ArrayList<>();
            corpus.forEach(e -> users.forEach(u -> calls.add(Map.entry(u, e))));
            long start = System.nanoTime();
            List<Result> results = proof.parallel(
                    calls, call -> judge(proof, call.getKey(), call.getValue()), HostileWorkspace.CORPUS_BUDGET);
            long millis = (System.nanoTime() - start) / 1_000_000;

            Map<String, int[]> byClass = new TreeMap<>();
            for (Result r : results) {
                int[] c = byClass.computeIfAbsent(r.entry().cls(), k -> new int[4]);
                c[0]++;
                switch (r.verdict()) {
                    case "correct" -> c[1]++;
                    case "wrong" -> c[2]++;
                    default -> c[3]++;
                }
            }
            long refused =
                    results.stream().filter(r -> r.verdict().equals("refused")).count();
            long wrong =
                    results.stream().filter(r -> r.verdict().equals("wrong")).count();
            double rate = (double) refused / results.size();
            System.out.printf(
                    "legitimate corpus: %d calls (%d queries x %d users) in %d ms, false-refusal rate %.1f %%"
                            + " (threshold %.0f %%), wrong answers %d%n",
                    results.size(), corpus.size(), users.size(), millis, rate * 100, MAX_FALSE_REFUSALS * 100, wrong);
            System.out.printf("  %-16s %6s %8s %6s %8s%n", "class", "calls", "correct", "wrong", "refused");
            byClass.forEach((cls, c) -> System.out.printf("  %-16s %6d %8d %6d %8d%n", cls, c[0], c[1], c[2], c[3]));
            results.stream()
                    .filter(r -> !r.verdict().equals("correct"))
                    .limit(40)
                    .forEach(r -> System.out.println("  " + r.verdict().toUpperCase(Locale.ROOT) + " "
                            + r.entry().id() + " as "
                            + r.user().replace("@lakegate.dev", "") + ": "
                            + HostileCorpusIT.oneLine(r.entry().sql())
                            + "\n      " + HostileCorpusIT.oneLine(r.detail())));

            assertThat(wrong)
                    .as("legitimate queries answered with a wrong result")
                    .isZero();
            assertThat(rate).as("false-refusal rate of the legitimate corpus").isLessThanOrEqualTo(MAX_FALSE_REFUSALS);
        }
    }

    private static Result judge(ProofConnector proof, String user, Corpus.Entry e) {
        ProofConnector.Outcome o = proof.sql(user, e.sql());
        if (o.failure() != null) {
            return new Result(e, user, "refused", o.failure());
        }
        if (o.refused()) {
            return new Result(e, user, "refused", o.text());
        }
        JsonNode answer;
        try {
            answer = SeedWorkspace.JSON.readTree(HostileCorpusIT.firstJson(o.text()));
        } catch (RuntimeException notJson) {
            return new Result(e, user, "wrong", "not JSON: " + o.text());
        }
        if (!"SUCCEEDED".equals(answer.path("status").path("state").asString())) {
            return new Result(e, user, "refused", o.text());
        }
        JsonNode expected = SeedWorkspace.JSON.readTree(e.expected());
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : answer.path("result").path("data_array")) {
            // the SQL MCP server answers rows as {"values": [{"string_value": ...}, {} for NULL]}; the Statement
            // Execution API as arrays of strings: accept both
            List<String> cells = new ArrayList<>();
            if (row.isObject()) {
                row.path("values")
                        .forEach(cell -> cells.add(
                                cell.has("string_value")
                                        ? cell.path("string_value").asString()
                                        : null));
            } else {
                row.forEach(cell -> cells.add(cell.isNull() ? null : cell.asString()));
            }
            rows.add(cells);
        }
        String problem = expected.has("column") ? compareColumn(answer, rows, expected) : compareRows(rows, expected);
        return new Result(e, user, problem == null ? "correct" : "wrong", problem == null ? "" : problem);
    }

    private static String compareColumn(JsonNode answer, List<List<String>> rows, JsonNode expected) {
        String column = expected.path("column").asString();
        int index = -1;
        JsonNode columns = answer.path("manifest").path("schema").path("columns");
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).path("name").asString().equalsIgnoreCase(column)) {
                index = i;
            }
        }
        if (index < 0) {
            return "no column " + column + " in " + columns;
        }
        Set<String> actual = new TreeSet<>();
        for (List<String> row : rows) {
            String v = row.get(index);
            if (v != null && !v.isBlank() && !v.startsWith("#")) {
                actual.add(v);
            }
        }
        Set<String> want = new TreeSet<>();
        expected.path("set").forEach(v -> want.add(v.asString()));
        return actual.equals(want) ? null : "expected " + want + " got " + actual;
    }

    private static String compareRows(List<List<String>> rows, JsonNode expected) {
        List<List<JsonNode>> want = new ArrayList<>();
        for (JsonNode row : expected.path("rows")) {
            List<JsonNode> cells = new ArrayList<>();
            row.forEach(cells::add);
            want.add(cells);
        }
        if (rows.size() != want.size()) {
            return "expected " + want.size() + " rows, got " + rows.size() + ": " + abbreviate(rows);
        }
        List<List<String>> got = new ArrayList<>(rows);
        if (!expected.path("ordered").asBoolean()) {
            got.sort(Comparator.comparing(
                    r -> r.stream().map(LegitimateCorpusIT::canonical).toList().toString()));
            want.sort(Comparator.comparing(r -> r.stream()
                    .map(c -> canonical(c.isNull() ? null : c.asString()))
                    .toList()
                    .toString()));
        }
        for (int i = 0; i < want.size(); i++) {
            List<JsonNode> w = want.get(i);
            List<String> g = got.get(i);
            if (w.size() != g.size()) {
                return "row " + i + ": expected " + w + " got " + g;
            }
            for (int j = 0; j < w.size(); j++) {
                if (!same(w.get(j), g.get(j))) {
                    return "row " + i + " column " + j + ": expected " + w + " got " + g;
                }
            }
        }
        return null;
    }

    private static boolean same(JsonNode want, String got) {
        if (want.isNull() || got == null) {
            return want.isNull() && got == null;
        }
        if (want.isNumber()) {
            try {
                return new BigDecimal(got).subtract(want.decimalValue()).abs().compareTo(new BigDecimal("0.011")) <= 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return want.asString().equals(got);
    }

    private static String canonical(String cell) {
        if (cell == null) {
            return "null";
        }
        try {
            return new BigDecimal(cell).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
