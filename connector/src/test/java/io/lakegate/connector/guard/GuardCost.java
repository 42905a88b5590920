package io.lakegate.connector.guard;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the Spark-grammar guard costs, for the record (a measurement, not a test): the first check in a fresh JVM (class
 * loading and the grammar's ATN deserialisation), then per-statement latency over the legitimate corpus once warm,
 * and the resident set before and after. Run after {@code ./mvnw -pl connector test-compile}:
 * <pre>
 * java -cp connector/target/test-classes:connector/target/classes:$(cat connector/target/guard-cost.classpath) \
 *     io.lakegate.connector.guard.GuardCost
 * </pre>
 * ({@code ./mvnw -pl connector dependency:build-classpath -Dmdep.outputFile=target/guard-cost.classpath}).
 */
public final class GuardCost {

    private GuardCost() {}

    public static void main(String[] args) throws Exception {
        long rssBefore = rssKiB();
        FixtureWorkspace workspace = FixtureWorkspace.demo();
        GuardContext ctx = workspace.context();
        SqlGuard guard = new SqlGuard();
        List<String> corpus = QueryCorpus.load(QueryGuardCorpusTest.LEGITIMATE).entries().stream()
                .map(QueryCorpus.Entry::sql)
                .toList();

        long start = System.nanoTime();
        workspace.check(guard, corpus.get(0), ctx, false);
        double firstMs = (System.nanoTime() - start) / 1e6;
        long rssAfterFirst = rssKiB();

        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        for (int i = 0; i < 20; i++) {
            corpus.forEach(sql -> workspace.check(guard, sql, ctx, false));
        }
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            for (String sql : corpus) {
                long t = System.nanoTime();
                workspace.check(guard, sql, ctx, false);
                samples.add(System.nanoTime() - t);
            }
        }
        System.gc();
        long heapAfterGc =
                Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "guard cost: first check %.1f ms (JVM up %d ms); RSS %d -> %d MiB after the first "
                        + "check, %d MiB after %d checks; per statement (all rounds of look-ups included) p50 %.3f ms, p99 %.3f ms, "
                        + "mean %.3f ms over %d statements; heap in use after GC %d MiB%n",
                firstMs,
                ManagementFactory.getRuntimeMXBean().getUptime(),
                rssBefore / 1024,
                rssAfterFirst / 1024,
                rssKiB() / 1024,
                sorted.length,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6,
                Arrays.stream(sorted).average().orElse(0) / 1e6,
                corpus.size(),
                heapAfterGc / (1024 * 1024));
    }

    private static long rssKiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
