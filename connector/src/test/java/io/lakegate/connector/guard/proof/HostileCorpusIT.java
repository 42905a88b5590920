package io.lakegate.connector.guard.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.guard.proof.HostileWorkspace.Mode;
import io.lakegate.connector.testsupport.ConnectorHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12's proof, as a hostile outsider runs it: every statement of the hostile corpus
 * ({@code guard-corpus/hostile/}, one file per class) through {@code proxy_to_sql} / {@code execute_sql_read_only} on
 * a real connector and emulator, as alice, bob and carol (a metastore admin: only the guard stands between her and SCI
 * data), in each {@link Mode} of SCI knowledge. Asserted:
 * <ul>
 *   <li>no seeded SCI value in any answer, checked by value ({@link SciValues}), refusals included;</li>
 *   <li>statements that, as Spark reads them, name an SCI object or column are refused ({@code must-refuse});</li>
 *   <li>every call gets an answer (no hang, no transport error) and no refusal confirms that an SCI object exists;</li>
 *   <li>no write: the emulator executed none and the tables read the same before and after;</li>
 *   <li>no host file touched: the directory the FILE_WRITE/CSVWRITE/SCRIPT cases target is unchanged, and its canary
 *       file's content never comes back;</li>
 *   <li>{@code poll_sql_result} answers nothing for forged ids or statements the connector did not start for the
 *       caller;</li>
 *   <li>an SCI object's refusal reads exactly like a missing object's (class 9, running mode).</li>
 * </ul>
 * A per-class summary (statements, refused, answered, leaks) is printed for every mode.
 */
class HostileCorpusIT {

    private static final Pattern CONFIRMS_SCI = Pattern.compile("(?i)\\bSCI\\b|classified|strictly confidential");
    private static final List<String> WATCHED_TABLES = List.of(
            "sales.staging.load_audit",
            "sales.customers.customers",
            "sales.customers.customer_pii",
            "sales.orders.orders",
            "marketing.campaigns.leads",
            "finance.payroll.salaries",
            "hr.people.employees");

    /** Names of SCI objects and columns: a listing the guard lets through must not show them (no oracle). */
    private static final java.util.Set<String> SCI_NAMES = java.util.Set.of(
            "customer_pii",
            "payroll",
            "salaries",
            "bonuses",
            "employees",
            "performance_reviews",
            "hr",
            "people",
            "email",
            "date_of_birth",
            "iban",
            "phone",
            "gross",
            "net",
            "bonus",
            "full_name",
            "rating");

    private record Verdict(
            Corpus.Entry entry,
            ProofConnector.Outcome outcome,
            List<String> leaks,
            boolean mustRefuseAnswered,
            boolean confirmsSci,
            String sciName) {}

    private static String sciName(String answer) {
        for (String token : answer.split("[^A-Za-z0-9_]+")) {
            if (SCI_NAMES.contains(token.toLowerCase(Locale.ROOT))) {
                return token;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void noSciValueWriteOrHostFileThroughProxyToSql(Mode mode) throws IOException {
        // -Dlakegate.proof.modes=RUNNING_WAREHOUSE runs one mode while iterating locally; CI runs them all
        String only = System.getProperty("lakegate.proof.modes", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                only.isBlank() || List.of(only.split(",")).contains(mode.name()),
                "mode not selected by lakegate.proof.modes");
        Path hostDir = Files.createTempDirectory("lakegate-proof-host");
        String canary = "lakegate-canary-" + UUID.randomUUID();
        Files.writeString(hostDir.resolve("canary.txt"), canary);
        SeedWorkspace seed = HostileWorkspace.seed(mode);
        SciValues sci = SciValues.of(seed, HostileWorkspace.TAG_KEY, HostileWorkspace.TAG_VALUE)
                .alsoForbid(canary, "host file canary.txt")
                .alsoForbid("root:x:0:0:", "host file /etc/passwd");
        List<Corpus.Entry> corpus = Corpus.load("hostile");
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(1000);

        try (ProofConnector proof =
                new ProofConnector(seed.publish("hostile-" + mode.name().toLowerCase(Locale.ROOT)))) {
            mode.apply(proof.emulator);
            int writesBefore = proof.emulator.executedWrites().size();
            Map<String, String> tablesBefore = snapshot(proof);

            List<Map.Entry<String, Corpus.Entry>> calls = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                Corpus.Entry e = corpus.get(i);
                if (mode.everyUser) {
                    ProofConnector.USERS.forEach(user -> calls.add(Map.entry(user, e)));
                } else {
                    calls.add(Map.entry(ProofConnector.USERS.get(i % ProofConnector.USERS.size()), e));
                }
            }
            long start = System.nanoTime();
            List<Verdict> verdicts = proof.parallel(
                    calls,
                    call -> {
                        Corpus.Entry e = call.getValue();
                        String sql = e.sql().replace("${HOSTDIR}", hostDir.toString());
                        ProofConnector.Outcome o = proof.sql(call.getKey(), sql);
                        List<String> leaks = sci.foundIn(o.text());
                        boolean answered = o.failure() == null && !o.refused();
                        return new Verdict(
                                e,
                                o,
                                leaks,
                                e.has("must-refuse") && answered,
                                o.refused() && CONFIRMS_SCI.matcher(o.text()).find(),
                                answered && e.has("no-sci-names") ? sciName(o.text()) : null);
                    },
                    HostileWorkspace.CORPUS_BUDGET);
            long millis = (System.nanoTime() - start) / 1_000_000;
            report(mode, sci, verdicts, millis, corpus.size());

            List<String> pollProblems = polls(proof, sci);
            List<String> oracleProblems = mode == Mode.RUNNING_WAREHOUSE ? twins(proof, corpus) : List.of();
            proof.emulator.faults().clear();
            Map<String, String> tablesAfter = snapshot(proof);
            int writesAfter = proof.emulator.executedWrites().size();
            List<String> hostFiles;
            try (Stream<Path> files = Files.list(hostDir)) {
                hostFiles = files.map(p -> p.getFileName().toString()).sorted().toList();
            }
            String canaryAfter = Files.readString(hostDir.resolve("canary.txt"));

            List<String> problems = new ArrayList<>();
            // a few of each class, so every leaking class shows an example
            Map<String, Integer> shown = new java.util.HashMap<>();
            verdicts.stream()
                    .filter(v -> !v.leaks().isEmpty())
                    .filter(v -> shown.merge(v.entry().cls(), 1, Integer::sum) <= 4)
                    .forEach(v -> problems.add("LEAK "
                            + v.entry().id() + " as " + user(v) + ": "
                            + v.leaks().subList(0, Math.min(3, v.leaks().size()))
                            + " <- " + oneLine(v.outcome().sql())));
            Map<String, Integer> answered = new java.util.HashMap<>();
            verdicts.stream()
                    .filter(Verdict::mustRefuseAnswered)
                    .filter(v -> answered.merge(v.entry().cls(), 1, Integer::sum) <= 3)
                    .forEach(v -> problems.add("ANSWERED " + v.entry().id() + " as " + user(v) + ": "
                            + oneLine(v.outcome().sql())));
            verdicts.stream()
                    .filter(v -> v.outcome().failure() != null)
                    .limit(15)
                    .forEach(v -> problems.add("NO ANSWER " + v.entry().id() + " as " + user(v) + ": "
                            + v.outcome().failure()));
            verdicts.stream()
                    .filter(v -> v.sciName() != null)
                    .limit(15)
                    .forEach(v -> problems.add(
                            "NAMES SCI '" + v.sciName() + "' " + v.entry().id() + " as " + user(v) + ": "
                                    + oneLine(v.outcome().sql())));
            verdicts.stream()
                    .filter(Verdict::confirmsSci)
                    .limit(10)
                    .forEach(v -> problems.add("CONFIRMS SCI " + v.entry().id() + " as " + user(v) + ": "
                            + oneLine(v.outcome().text())));
            pollProblems.forEach(p -> problems.add("POLL " + p));
            oracleProblems.forEach(p -> problems.add("ORACLE " + p));
            problems.forEach(p -> System.out.println("  " + p));

            assertThat(writesAfter)
                    .as("statements the emulator executed as writes")
                    .isEqualTo(writesBefore);
            assertThat(tablesAfter).as("table contents after the corpus").isEqualTo(tablesBefore);
            assertThat(hostFiles)
                    .as("files in the host directory the corpus targets")
                    .containsExactly("canary.txt");
            assertThat(canaryAfter).isEqualTo(canary);
            assertThat(verdicts.stream().filter(v -> !v.leaks().isEmpty()).count())
                    .as("answers holding SCI values")
                    .isZero();
            assertThat(problems).as("hostile corpus in mode " + mode).isEmpty();
        } finally {
            deleteTree(hostDir);
        }
    }

    /** Class 5: forged ids, statements started outside the connector, another user's statement. */
    private static List<String> polls(ProofConnector proof, SciValues sci) {
        List<String> problems = new ArrayList<>();
        Map<String, String> foreign = new LinkedHashMap<>();
        String[][] direct = {
            {ConnectorHarness.CAROL, "SELECT name, email FROM sales.customers.customers"},
            {ConnectorHarness.CAROL, "SELECT * FROM hr.people.employees"},
            {ConnectorHarness.ALICE, "SELECT customer_id, email FROM sales.customers.customers"},
            {ConnectorHarness.ALICE, "SELECT * FROM finance.payroll.salaries"},
            {ConnectorHarness.ALICE, "SELECT * FROM sales.customers.customer_pii"},
            {ConnectorHarness.BOB, "SELECT email FROM sales.customers.customers"}
        };
        for (String[] d : direct) {
            String id = SeedWorkspace.JSON
                    .readTree(proof.direct(d[0], d[1]))
                    .path("statement_id")
                    .asString();
            foreign.put(id, d[0] + " directly: " + d[1]);
        }
        for (String forged : List.of(
                "00000000-0000-0000-0000-000000000000",
                UUID.randomUUID().toString(),
                "../../api/2.0/sql/statements",
                "' OR '1'='1",
                "x".repeat(4096),
                "01ef-" + UUID.randomUUID(),
                "*")) {
            foreign.put(forged, "forged");
        }
        // a statement alice started through the connector: bob and carol must not read it
        ProofConnector.Outcome alices =
                proof.sql(ConnectorHarness.ALICE, "SELECT customer_id, name, country FROM sales.customers.customers");
        String aliceId = alices.refused()
                ? null
                : SeedWorkspace.JSON
                        .readTree(firstJson(alices.text()))
                        .path("statement_id")
                        .asString(null);
        for (String user : ProofConnector.USERS) {
            for (Map.Entry<String, String> f : foreign.entrySet()) {
                ProofConnector.Outcome o = proof.poll(user, f.getKey());
                List<String> leaks = sci.foundIn(o.text());
                if (!leaks.isEmpty()) {
                    problems.add("leak polling " + f.getValue() + " as " + user + ": "
                            + leaks.subList(0, Math.min(3, leaks.size())));
                } else if (!o.refused() || o.failure() != null) {
                    problems.add("answered poll of " + f.getValue() + " as " + user + ": "
                            + (o.failure() != null ? o.failure() : oneLine(o.text())));
                }
            }
            if (aliceId != null && !user.equals(ConnectorHarness.ALICE)) {
                ProofConnector.Outcome o = proof.poll(user, aliceId);
                if (!o.refused()) {
                    problems.add(user + " read alice's statement " + aliceId);
                }
            }
        }
        if (aliceId != null) {
            ProofConnector.Outcome own = proof.poll(ConnectorHarness.ALICE, aliceId);
            if (!sci.foundIn(own.text()).isEmpty()) {
                problems.add("leak polling alice's own statement");
            }
        }
        return problems;
    }

    /**
     * Class 9: each refused statement naming an SCI object is run again with that object renamed to one that does not
     * exist; the two refusals must read the same once the names are masked.
     */
    private static List<String> twins(ProofConnector proof, List<Corpus.Entry> corpus) {
        Map<String, String> renames = new LinkedHashMap<>();
        renames.put("sales.customers.customer_pii", "sales.customers.customer_piq");
        renames.put("finance.payroll.", "finance.payrolq.");
        renames.put("hr.people.", "hq.people.");
        renames.put("hr.information_schema", "hq.information_schema");
        renames.put(" hr", " hq");
        renames.put("email", "emaiq");
        List<String> problems = new ArrayList<>();
        List<Corpus.Entry> oracles = corpus.stream()
                .filter(e -> e.cls().startsWith("09-") && e.has("must-refuse"))
                .toList();
        for (Corpus.Entry e : oracles) {
            String twin = e.sql();
            for (Map.Entry<String, String> r : renames.entrySet()) {
                twin = twin.replace(r.getKey(), r.getValue());
            }
            if (twin.equals(e.sql())) {
                continue;
            }
            for (String user : List.of(ConnectorHarness.ALICE, ConnectorHarness.CAROL)) {
                ProofConnector.Outcome sciAnswer = proof.sql(user, e.sql());
                ProofConnector.Outcome missingAnswer = proof.sql(user, twin);
                String a = mask(sciAnswer.text(), renames);
                String b = mask(missingAnswer.text(), renames);
                if (sciAnswer.refused() != missingAnswer.refused() || !a.equals(b)) {
                    problems.add(e.id() + " as " + user + ": SCI answers '" + abbreviate(a) + "' but missing answers '"
                            + abbreviate(b) + "'");
                }
            }
        }
        return problems;
    }

    private static String mask(String text, Map<String, String> renames) {
        // names may come back quoted (`sales`.`customers`.`x`), inside JSON or after a quote: compare them unquoted,
        // wherever they stand; statement handles are signed per call
        String t = text.replace("`", "");
        for (Map.Entry<String, String> r : renames.entrySet()) {
            t = t.replaceAll(
                    "(?<![A-Za-z0-9_])"
                            + java.util.regex.Pattern.quote(r.getValue().strip()),
                    java.util.regex.Matcher.quoteReplacement(r.getKey().strip()));
        }
        return t.replaceAll("lg\\d\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+", "<handle>")
                .replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}", "<id>")
                .replaceAll("\\d+", "0");
    }

    private static Map<String, String> snapshot(ProofConnector proof) {
        Map<String, String> out = new TreeMap<>();
        for (String table : WATCHED_TABLES) {
            String answer = proof.direct(ConnectorHarness.CAROL, "SELECT * FROM " + table + " ORDER BY 1");
            out.put(table, SeedWorkspace.JSON.readTree(answer).path("result").toString());
        }
        return out;
    }

    private static void report(Mode mode, SciValues sci, List<Verdict> verdicts, long millis, int statements) {
        Map<String, int[]> byClass = new TreeMap<>();
        for (Verdict v : verdicts) {
            int[] c = byClass.computeIfAbsent(v.entry().cls(), k -> new int[6]);
            c[0]++;
            if (v.outcome().failure() != null) {
                c[5]++;
            } else if (v.outcome().refused()) {
                c[1]++;
            } else {
                c[2]++;
            }
            if (!v.leaks().isEmpty()) {
                c[3]++;
            }
            if (v.mustRefuseAnswered()) {
                c[4]++;
            }
        }
        System.out.printf(
                "hostile corpus, mode %s: %d calls (%d statements, %s) in %d ms; oracle: %s%n",
                mode,
                verdicts.size(),
                statements,
                mode.everyUser ? "each as alice, bob and carol" : "users taking turns",
                millis,
                sci);
        System.out.printf(
                "  %-30s %7s %7s %8s %6s %13s %9s%n",
                "class", "calls", "refused", "answered", "leaks", "must-refuse", "no-answer");
        int[] total = new int[6];
        byClass.forEach((cls, c) -> {
            System.out.printf("  %-30s %7d %7d %8d %6d %13d %9d%n", cls, c[0], c[1], c[2], c[3], c[4], c[5]);
            for (int i = 0; i < 6; i++) {
                total[i] += c[i];
            }
        });
        System.out.printf(
                "  %-30s %7d %7d %8d %6d %13d %9d%n",
                "TOTAL", total[0], total[1], total[2], total[3], total[4], total[5]);
    }

    private static String user(Verdict v) {
        return v.outcome().user().replace("@lakegate.dev", "");
    }

    static String oneLine(String s) {
        String line = s.replace("\n", "\\n");
        return line.length() > 220 ? line.substring(0, 220) + "..." : line;
    }

    private static String abbreviate(String s) {
        return oneLine(s).length() > 160 ? oneLine(s).substring(0, 160) : oneLine(s);
    }

    static String firstJson(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
