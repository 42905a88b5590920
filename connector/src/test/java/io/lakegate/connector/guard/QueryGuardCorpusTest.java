package io.lakegate.connector.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The unit-level corpus: every legitimate analytical query is accepted; every hostile one is either refused or
 * rewritten so that each table with SCI columns it reads is the derived table without them (what that makes reachable
 * is proven by value against the emulator in {@link GuardAgainstEmulatorTest}). Writes are always refused. Prints one
 * summary line for CI.
 */
class QueryGuardCorpusTest {

    static final String HOSTILE = "/guard/hostile-queries.sql";
    static final String LEGITIMATE = "/guard/legitimate-queries.sql";

    private static final Set<String> WRITE_KEYWORDS = Set.of(
            "DROP",
            "DELETE",
            "UPDATE",
            "INSERT",
            "MERGE",
            "CREATE",
            "ALTER",
            "TRUNCATE",
            "GRANT",
            "REVOKE",
            "OPTIMIZE",
            "VACUUM",
            "COPY",
            "REPLACE");

    @Test
    void hostileQueriesAreRefusedOrCutAwayFromSciColumnsAndLegitimateOnesAccepted() {
        SqlGuard guard = new SqlGuard();
        FixtureWorkspace workspace = FixtureWorkspace.demo();
        GuardContext ctx = workspace.context();
        QueryCorpus hostile = QueryCorpus.load(HOSTILE);
        QueryCorpus legitimate = QueryCorpus.load(LEGITIMATE);
        assertThat(hostile.entries()).hasSizeGreaterThanOrEqualTo(200);
        assertThat(legitimate.entries()).hasSizeGreaterThanOrEqualTo(100);

        List<String> failures = new ArrayList<>();
        int refused = 0;
        int rewritten = 0;
        for (QueryCorpus.Entry e : hostile.entries()) {
            GuardDecision d = workspace.check(guard, e.sql(), ctx, false);
            if (d instanceof GuardDecision.Refused) {
                refused++;
            } else if (WRITE_KEYWORDS.contains(e.expectedToken().toUpperCase(Locale.ROOT))
                    && writes(((GuardDecision.Allowed) d).sql(), e.expectedToken())) {
                failures.add("hostile line " + e.line() + " is a write and was accepted: " + oneLine(e.sql())
                        + "\n    got " + d);
            } else if (((GuardDecision.Allowed) d).listing().isEmpty()) {
                String unwrapped = unwrappedSciTable(((GuardDecision.Allowed) d).sql(), workspace);
                if (unwrapped != null) {
                    failures.add("hostile line " + e.line() + " reads " + unwrapped + " unwrapped: " + oneLine(e.sql())
                            + "\n    got " + d);
                }
                rewritten++;
            }
        }
        int accepted = 0;
        int falseRefusals = 0;
        for (QueryCorpus.Entry e : legitimate.entries()) {
            GuardDecision d = workspace.check(guard, e.sql(), ctx, false);
            boolean knownFalseRefusal = e.expectedToken().startsWith("false-refusal");
            if (d instanceof GuardDecision.Allowed) {
                accepted++;
                if (knownFalseRefusal) {
                    failures.add("legitimate line " + e.line() + " is accepted now: drop its false-refusal mark");
                }
            } else if (knownFalseRefusal) {
                falseRefusals++;
            } else {
                failures.add("legitimate line " + e.line() + " refused: " + oneLine(e.sql()) + "\n    got " + d);
            }
        }
        failures.forEach(System.err::println);
        System.out.println(
                "query guard corpus: hostile " + refused + " refused, " + rewritten + " rewritten; legitimate "
                        + accepted + "/" + legitimate.entries().size() + " accepted, false-refusal rate "
                        + String.format(
                                Locale.ROOT,
                                "%.1f%%",
                                100.0 * falseRefusals / legitimate.entries().size()) + "; "
                        + failures.size() + " failures");
        assertThat(failures).isEmpty();
    }

    /** Whether the forwarded text still holds the write's keyword as a token (a comment would not). */
    private static boolean writes(String rendered, String keyword) {
        return SparkSqlParser.significantTokens(rendered).stream()
                .anyMatch(t -> t.getText().equalsIgnoreCase(keyword));
    }

    /** A table with SCI columns named in the rendered SQL other than as the inside of its own derived table. */
    static String unwrappedSciTable(String rendered, FixtureWorkspace workspace) {
        for (String table : workspace.tablesWithSciColumns()) {
            QualifiedName name = QualifiedName.of(table.split("\\.")[0], table.split("\\.")[1], table.split("\\.")[2]);
            String quoted = String.join(" ", name.quotedParts());
            TableFacts facts = workspace.table(name).orElseThrow();
            String wrapper = "( SELECT "
                    + facts.permittedColumns().stream()
                            .map(SqlLiterals::quote)
                            .collect(java.util.stream.Collectors.joining(" , "))
                    + " FROM " + quoted;
            int at = rendered.indexOf(quoted);
            while (at >= 0) {
                if (at < wrapper.length() - quoted.length()
                        || !rendered.startsWith(wrapper, at - (wrapper.length() - quoted.length()))) {
                    return table;
                }
                at = rendered.indexOf(quoted, at + 1);
            }
        }
        return null;
    }

    private static String oneLine(String sql) {
        return sql.replace("\n", "\\n");
    }
}
