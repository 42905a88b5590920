package io.lakegate.connector.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.lakegate.emulator.seed.Seed;
import io.lakegate.emulator.seed.SeedLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guard in front of the real emulator, whose SQL engine really executes writes and really returns SCI rows to
 * carol, the admin, whose grants allow everything: only the guard stands in the way. Every hostile corpus query goes
 * guard-then-forward: the answers carry no SCI value (checked by value, {@link Seed#sciValues()}) and no write arrives;
 * legitimate queries over the seeded tables pass the guard and run.
 */
class GuardAgainstEmulatorTest {

    private static final String WAREHOUSE = "a1b2c3d4e5f60718";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DatabricksEmulator emulator;
    private static String token;
    private static FixtureWorkspace workspace;
    private static Set<String> sciValues;
    private static final GuardContext CTX =
            new GuardContext("sales", "orders", GuardFacts.NONE, new GuardLimits(500, 1_000_000));
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final SqlGuard guard = new SqlGuard();

    @BeforeAll
    static void start() {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        token = emulator.issueToken("carol@lakegate.dev");
        Seed seed = SeedLoader.load(SeedLoader.DEFAULT_RESOURCE);
        workspace = FixtureWorkspace.fromSeed(seed);
        sciValues = seed.sciValues();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private GuardDecision decide(String sql) {
        return workspace.check(guard, sql, CTX, false);
    }

    /** The connector's path: guard first, and only an allowed statement's rendered text is forwarded. */
    private String guardedExecute(String sql) throws Exception {
        return decide(sql) instanceof GuardDecision.Allowed allowed ? execute(allowed.sql()) : null;
    }

    private static String execute(String statement) throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "statement",
                statement,
                "warehouse_id",
                WAREHOUSE,
                "catalog",
                "sales",
                "schema",
                "orders",
                "wait_timeout",
                "30s"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/2.0/sql/statements"))
                .timeout(Duration.ofSeconds(40))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String state(String response) throws Exception {
        return String.valueOf(((Map<?, ?>) JSON.readValue(response, Map.class).get("status")).get("state"));
    }

    @Test
    void noHostileQueryReadsAnSciValueOrWrites() throws Exception {
        assertThat(sciValues).hasSizeGreaterThan(20);
        QueryCorpus hostile = QueryCorpus.load(QueryGuardCorpusTest.HOSTILE);
        emulator.clearRequests();
        int forwarded = 0;
        List<String> leaks = new ArrayList<>();
        for (QueryCorpus.Entry e : hostile.entries()) {
            String answer = guardedExecute(e.sql());
            if (answer == null) {
                continue;
            }
            forwarded++;
            sciValues.stream()
                    .filter(answer::contains)
                    .findFirst()
                    .ifPresent(v -> leaks.add(e.sql() + "\n    leaked '" + v + "' via "
                            + ((GuardDecision.Allowed) decide(e.sql())).sql()));
        }
        System.out.println("guard vs emulator: " + hostile.entries().size() + " hostile, "
                + (hostile.entries().size() - forwarded)
                + " refused, " + forwarded + " forwarded as rewritten, " + leaks.size() + " leaks, "
                + emulator.executedWrites().size() + " writes executed");
        assertThat(leaks).isEmpty();
        assertThat(emulator.executedWrites()).isEmpty();

        // controls: around the guard the same emulator really writes and really returns SCI values
        String direct = execute("DELETE FROM sales.orders.returns WHERE order_id = -1");
        assertThat(state(direct)).isEqualTo("SUCCEEDED");
        assertThat(emulator.executedWrites()).hasSize(1);
        String raw = execute("SELECT * FROM sales.customers.customer_pii");
        assertThat(sciValues.stream().anyMatch(raw::contains)).isTrue();
    }

    @Test
    void legitimateQueriesOverTheSeedPassTheGuardAndRun() throws Exception {
        List<String> failures = new ArrayList<>();
        QueryCorpus seeded = QueryCorpus.load("/guard/emulator-seed-queries.sql");
        for (QueryCorpus.Entry e : seeded.entries()) {
            String result = guardedExecute(e.sql());
            if (result == null) {
                failures.add("refused by the guard: " + e.sql() + " -> " + decide(e.sql()));
            } else if (!"SUCCEEDED".equals(state(result))) {
                failures.add("did not run: " + decide(e.sql()) + " -> " + result);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(seeded.entries()).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void sciAssetsOfTheSeedAreUnreachableEvenForTheAdmin() throws Exception {
        for (String sql : List.of(
                "SELECT * FROM sales.customers.customer_pii",
                "SELECT * FROM finance.payroll.salaries",
                "SELECT * FROM hr.people.employees")) {
            assertThat(decide(sql))
                    .as(sql)
                    .isInstanceOfSatisfying(
                            GuardDecision.Refused.class,
                            r -> assertThat(r.kind()).isEqualTo(GuardDecision.RefusalKind.NOT_FOUND));
        }
        String star = guardedExecute("SELECT * FROM marketing.campaigns.leads");
        assertThat(state(star)).isEqualTo("SUCCEEDED");
        assertThat(sciValues.stream().filter(star::contains).toList()).isEmpty();
        String email = guardedExecute("SELECT email FROM marketing.campaigns.leads");
        assertThat(state(email)).isNotEqualTo("SUCCEEDED");
        assertThat(sciValues.stream().filter(email::contains).toList()).isEmpty();
    }
}
