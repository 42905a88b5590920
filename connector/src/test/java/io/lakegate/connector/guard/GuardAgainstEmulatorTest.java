package io.lakegate.connector.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.lakegate.emulator.seed.SeedLoader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guard in front of the real emulator, whose SQL engine really executes writes: every hostile corpus query goes
 * through guard-then-forward and no write ever arrives, while legitimate queries over the seeded tables pass the guard
 * and run. The caller is carol, the admin, whose grants allow everything: only the guard stands in the way.
 */
class GuardAgainstEmulatorTest {

    private static final String WAREHOUSE = "a1b2c3d4e5f60718";
    private static final java.util.Set<GuardDecision.RefusalKind> FIXTURE_ONLY_KINDS = java.util.EnumSet.of(
            GuardDecision.RefusalKind.SCI_TABLE, GuardDecision.RefusalKind.SCI_SCHEMA, GuardDecision.RefusalKind.SCI_COLUMN,
            GuardDecision.RefusalKind.SCI_VIEW, GuardDecision.RefusalKind.SCI_STAR);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DatabricksEmulator emulator;
    private static String token;
    private static GuardContext ctx;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final SqlGuard guard = new SqlGuard(2);

    @BeforeAll
    static void start() {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        token = emulator.issueToken("carol@lakegate.dev");
        ctx = new GuardContext("sales", "orders", new SeedSciLookup(SeedLoader.load(SeedLoader.DEFAULT_RESOURCE)),
                new GuardLimits(500, 1_000_000));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /** The connector's path: guard first, and only an allowed statement's regenerated text is forwarded. */
    private Map<String, Object> guardedExecute(String sql) throws Exception {
        GuardDecision decision = guard.check(sql, ctx);
        if (!(decision instanceof GuardDecision.Allowed allowed)) {
            return null;
        }
        return execute(allowed.sql());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> execute(String statement) throws Exception {
        String body = JSON.writeValueAsString(Map.of("statement", statement, "warehouse_id", WAREHOUSE,
                "catalog", "sales", "schema", "orders", "wait_timeout", "30s"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/2.0/sql/statements"))
                .timeout(Duration.ofSeconds(40))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }

    @Test
    void noHostileQueryEverReachesTheWarehouseAndTheDetectorWorks() throws Exception {
        QueryCorpus hostile = QueryCorpus.load(QueryGuardCorpusTest.HOSTILE);
        GuardContext fixture = FixtureWorkspace.demo().context();
        emulator.clearRequests();
        int forwarded = 0;
        List<String> wronglyForwarded = new ArrayList<>();
        for (QueryCorpus.Entry e : hostile.entries()) {
            if (guardedExecute(e.sql()) != null) {
                forwarded++;
                // only reads of the fixture's SCI assets may pass here: those names are not SCI (or absent) in the seed
                GuardDecision there = guard.check(e.sql(), fixture);
                if (!(there instanceof GuardDecision.Refused r) || !FIXTURE_ONLY_KINDS.contains(r.kind())) {
                    wronglyForwarded.add(e.sql());
                }
            }
        }
        long statementCalls = emulator.requests().stream()
                .filter(r -> r.path().startsWith("/api/2.0/sql/statements")).count();
        System.out.println("guard vs emulator: " + (hostile.entries().size() - forwarded) + " hostile refused, " + forwarded
                + " forwarded (reads of fixture-only SCI names), " + emulator.executedWrites().size() + " writes executed");
        assertThat(wronglyForwarded).isEmpty();
        assertThat(statementCalls).isEqualTo(forwarded);
        assertThat(emulator.executedWrites()).isEmpty();

        // control: a write sent around the guard really executes, so the empty list above means something
        Map<String, Object> direct = execute("DELETE FROM sales.orders.returns WHERE order_id = -1");
        assertThat(((Map<?, ?>) direct.get("status")).get("state")).isEqualTo("SUCCEEDED");
        assertThat(emulator.executedWrites()).hasSize(1);
        assertThat(guard.check("DELETE FROM sales.orders.returns WHERE order_id = -1", ctx))
                .isInstanceOf(GuardDecision.Refused.class);
    }

    @Test
    void legitimateQueriesOverTheSeedPassTheGuardAndRun() throws Exception {
        List<String> failures = new ArrayList<>();
        QueryCorpus seeded = QueryCorpus.load("/guard/emulator-seed-queries.sql");
        for (QueryCorpus.Entry e : seeded.entries()) {
            Map<String, Object> result = guardedExecute(e.sql());
            if (result == null) {
                failures.add("refused by the guard: " + e.sql() + " -> " + guard.check(e.sql(), ctx));
                continue;
            }
            Object state = ((Map<?, ?>) result.get("status")).get("state");
            if (!"SUCCEEDED".equals(state)) {
                failures.add("did not run: " + guard.check(e.sql(), ctx) + " -> " + result.get("status"));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(seeded.entries()).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void sciAssetsOfTheSeedAreRefusedEvenForTheAdmin() {
        for (String sql : List.of("SELECT * FROM sales.customers.customer_pii", "SELECT email FROM sales.customers.customers",
                "SELECT * FROM finance.payroll.salaries", "SELECT * FROM hr.people.employees",
                "SELECT email FROM marketing.campaigns.leads")) {
            assertThat(guard.check(sql, ctx)).as(sql).isInstanceOf(GuardDecision.Refused.class);
        }
        GuardDecision star = guard.check("SELECT * FROM marketing.campaigns.leads", ctx);
        assertThat(star).isInstanceOfSatisfying(GuardDecision.Allowed.class,
                a -> assertThat(a.sql()).doesNotContain("email").contains("leads.lead_id"));
    }
}
