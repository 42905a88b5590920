package io.lakegate.connector.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The proof corpus: every hostile query is refused with INVALID_QUERY naming the expected token, every legitimate
 * analytical query is accepted. Prints exactly one summary line for CI.
 */
class QueryGuardCorpusTest {

    static final String HOSTILE = "/guard/hostile-queries.sql";
    static final String LEGITIMATE = "/guard/legitimate-queries.sql";

    @Test
    void everyHostileQueryIsRefusedAndEveryLegitimateOneAccepted() {
        SqlGuard guard = new SqlGuard();
        GuardContext ctx = FixtureWorkspace.demo().context();
        QueryCorpus hostile = QueryCorpus.load(HOSTILE);
        QueryCorpus legitimate = QueryCorpus.load(LEGITIMATE);
        assertThat(hostile.entries()).hasSizeGreaterThanOrEqualTo(200);
        assertThat(legitimate.entries()).hasSizeGreaterThanOrEqualTo(100);

        List<String> failures = new ArrayList<>();
        int passed = 0;
        for (QueryCorpus.Entry e : hostile.entries()) {
            GuardDecision d = guard.check(e.sql(), ctx);
            if (d instanceof GuardDecision.Refused r && r.code().equals("INVALID_QUERY")
                    && r.offendingToken().equalsIgnoreCase(e.expectedToken())) {
                passed++;
            } else {
                failures.add("hostile line " + e.line() + " expected refusal naming '" + e.expectedToken() + "': "
                        + oneLine(e.sql()) + "\n    got " + d);
            }
        }
        for (QueryCorpus.Entry e : legitimate.entries()) {
            GuardDecision d = guard.check(e.sql(), ctx);
            if (d instanceof GuardDecision.Allowed) {
                passed++;
            } else {
                failures.add("legitimate line " + e.line() + " refused: " + oneLine(e.sql()) + "\n    got " + d);
            }
        }
        failures.forEach(System.err::println);
        System.out.println("query guard corpus: " + passed + " passed, " + failures.size() + " failed");
        assertThat(failures).isEmpty();
    }

    private static String oneLine(String sql) {
        return sql.replace("\n", "\\n");
    }
}
