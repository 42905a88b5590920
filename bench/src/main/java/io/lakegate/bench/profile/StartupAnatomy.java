package io.lakegate.bench.profile;

import io.fabric8.kubernetes.api.model.Quantity;
import io.lakegate.bench.container.ContainerBench;
import io.lakegate.bench.target.Commands;
import io.lakegate.bench.target.ServerProcess;
import io.lakegate.bench.target.Targets;
import io.lakegate.operator.connector.ConnectorJvm;
import io.lakegate.operator.connector.DeploymentRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a connector's start spends its time and where an idle connector's memory is: the profiles behind the
 * distance to issue 18's startup and idle-RSS targets, taken by bench/run rather than by hand.
 *
 * <p>One start of its own, apart from the measured ones, because native memory tracking costs memory and a little
 * time. At readiness the JVM's own counters ({@code jcmd PerfCounter.print}: the time its class loader, verifier,
 * linker and static initialisers took, the JIT's compile time, the collector's) say where the start went; after the
 * connector has rested as long as the container phase lets the image rest ({@link ContainerBench#IDLE}), native
 * memory tracking says what its committed memory is, beside its RSS. It runs the jar's extracted layout, which is the
 * class path the image runs (Jib's {@code /app/libs}), not the fat jar's nested-jar loader, on one core
 * ({@code taskset}, where there is one) under the JVM flags the operator renders, with the pod's default limits
 * standing in for the cgroup ({@code -XX:MaxRAM}, {@code -XX:ActiveProcessorCount}).
 */
public final class StartupAnatomy {

    private static final Pattern NMT_AREA =
            Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)", Pattern.MULTILINE);
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    /**
     * The JVM's time counters read at readiness, with what each is. The {@code .self} class-loading counters exclude
     * the loads nested in them, so they add up to the total ({@code sun.cls.time}); all of them count elapsed time on
     * every thread, so on one core the class loader's and the compilers' overlap and do not add up to the wall clock.
     */
    private static final List<Map.Entry<String, String>> TIMES = List.of(
            Map.entry(
                    "sun.cls.time",
                    "class loading, elapsed, summed over the threads that loaded (the five rows below)"),
            Map.entry("sun.cls.appClassLoadTime.self", "... finding and reading the application's classes"),
            Map.entry("sun.cls.defineAppClassTime.self", "... parsing and defining them"),
            Map.entry("sun.cls.classVerifyTime.self", "... verifying their bytecode"),
            Map.entry("sun.cls.classLinkedTime.self", "... linking"),
            Map.entry("sun.cls.classInitTime.self", "... running static initialisers"),
            Map.entry(
                    "java.ci.totalTime",
                    "JIT compilation, elapsed on the compiler threads (which share the core with the rest)"),
            Map.entry("sun.gc.collector.0.time", "garbage collection, young"),
            Map.entry("sun.gc.collector.1.time", "garbage collection, full"),
            Map.entry("sun.rt.safepointTime", "at safepoints (all threads stopped)"));

    /** One of {@link #TIMES}, in milliseconds. */
    public record Time(String what, long millis) {}

    /** One area of native memory tracking's summary. */
    public record Area(String name, long committedBytes) {}

    public record Result(
            String flags,
            boolean oneCore,
            Duration startup,
            long cpuMillis,
            long loadedClasses,
            long sharedClasses,
            List<Time> times,
            long idleRssBytes,
            long trackedBytes,
            List<Area> areas) {

        public void appendMarkdown(StringBuilder out) {
            out.append(
                            "One more start of the connector, apart from the measured ones: the jar's extracted layout (the ")
                    .append("class path the image runs), ")
                    .append(oneCore ? "on one core, " : "")
                    .append("the JVM flags the operator renders with the pod's limits standing in (`")
                    .append(flags)
                    .append("`) and native memory tracking, which costs memory and time of its own.\n\n");
            out.append("| The start, as the JVM's counters have it at readiness | ms |\n|---|---:|\n");
            out.append("| Ready after (wall clock) | ")
                    .append(startup.toMillis())
                    .append(" |\n");
            out.append("| CPU of the process | ").append(cpuMillis).append(" |\n");
            for (Time time : times) {
                out.append("| ")
                        .append(time.what())
                        .append(" | ")
                        .append(time.millis())
                        .append(" |\n");
            }
            out.append("| Classes loaded (from the JDK's class data sharing archive) | ")
                    .append(loadedClasses)
                    .append(" (")
                    .append(sharedClasses)
                    .append(") |\n\n");
            out.append("| Idle, ")
                    .append(ContainerBench.IDLE.toSeconds())
                    .append(" s after readiness | MiB |\n|---|---:|\n");
            out.append("| RSS | ").append(mib(idleRssBytes)).append(" |\n");
            out.append("| Committed, as native memory tracking counts it | ")
                    .append(mib(trackedBytes))
                    .append(" |\n");
            for (Area area : areas) {
                out.append("| ... ")
                        .append(area.name())
                        .append(" | ")
                        .append(mib(area.committedBytes()))
                        .append(" |\n");
            }
            out.append('\n');
        }
    }

    private StartupAnatomy() {}

    /** bench/run's phase: a failure is reported in the section rather than losing the rest of the run. */
    public static String phase(Path connectorJar, String emulatorUrl, Path workDir, Consumer<String> log) {
        StringBuilder out = new StringBuilder();
        try {
            measure(connectorJar, emulatorUrl, workDir, log).appendMarkdown(out);
        } catch (RuntimeException e) {
            log.accept("startup anatomy failed: " + e);
            out.append("The run failed: ").append(e.getMessage()).append("\n\n");
        }
        return out.toString();
    }

    public static Result measure(Path connectorJar, String emulatorUrl, Path workDir, Consumer<String> log) {
        Path jar = extract(connectorJar, workDir.resolve("connector-extracted"));
        long memory = Quantity.getAmountInBytes(
                        DeploymentRenderer.DEFAULT_RESOURCES.getLimits().get("memory"))
                .longValueExact();
        int cpus = Math.max(
                1,
                Quantity.getAmountInBytes(
                                DeploymentRenderer.DEFAULT_RESOURCES.getLimits().get("cpu"))
                        .intValue());
        List<String> pod = new ArrayList<>(List.of("-XX:MaxRAM=" + memory, "-XX:ActiveProcessorCount=" + cpus));
        pod.addAll(ConnectorJvm.FLAGS);
        List<String> jvm = new ArrayList<>(pod);
        jvm.add("-XX:NativeMemoryTracking=summary");
        // the pod's one CPU is shared by the main thread, the JIT's compiler threads and the collector: pinned to as
        // many cores as it has, the start shows what they cost each other
        List<String> launcher = Files.isExecutable(Path.of("/usr/bin/taskset")) && cpus == 1
                ? List.of("/usr/bin/taskset", "-c", "0")
                : List.of();
        log.accept("startup anatomy: the extracted connector " + (launcher.isEmpty() ? "" : "on one core ") + "with "
                + String.join(" ", pod) + " and native memory tracking");
        try (ServerProcess server = Targets.connector(
                "connector-anatomy",
                launcher,
                jar,
                emulatorUrl,
                workDir,
                jvm,
                Map.of("MALLOC_ARENA_MAX", ConnectorJvm.MALLOC_ARENA_MAX))) {
            long pid = server.handle().pid();
            Map<String, Long> counters = perfCounters(Jcmd.run(pid, "PerfCounter.print"));
            long cpu = server.cpuMillis();
            ContainerBench.rest();
            String nmt = Jcmd.run(pid, "VM.native_memory", "summary");
            Matcher total = NMT_TOTAL.matcher(nmt);
            if (!total.find()) {
                throw new IllegalStateException("no total in native memory tracking's summary: " + nmt);
            }
            Result result = new Result(
                    String.join(" ", pod) + " (MALLOC_ARENA_MAX=" + ConnectorJvm.MALLOC_ARENA_MAX + ")",
                    !launcher.isEmpty(),
                    server.startup(),
                    cpu,
                    counters.getOrDefault("java.cls.loadedClasses", -1L),
                    counters.getOrDefault("java.cls.sharedLoadedClasses", -1L),
                    times(counters),
                    server.rssBytes(),
                    Long.parseLong(total.group(2)) << 10,
                    areas(nmt));
            log.accept("startup anatomy: ready in " + result.startup().toMillis() + " ms, " + result.loadedClasses()
                    + " classes, " + result.times().get(0).millis() + " ms of class loading; idle RSS "
                    + mib(result.idleRssBytes()) + " MiB, NMT " + mib(result.trackedBytes()) + " MiB");
            return result;
        }
    }

    /** The counters of {@link #TIMES} the JVM has, in milliseconds ({@code sun.os.hrt.frequency} ticks per second). */
    static List<Time> times(Map<String, Long> counters) {
        long frequency = counters.getOrDefault("sun.os.hrt.frequency", 1_000_000_000L);
        return TIMES.stream()
                .filter(t -> counters.containsKey(t.getKey()))
                .map(t -> new Time(t.getValue(), counters.get(t.getKey()) * 1000 / frequency))
                .toList();
    }

    /** Spring Boot's own way to lay a jar out as plain class path entries ({@code -Djarmode=tools extract}). */
    static Path extract(Path fatJar, Path destination) {
        List<String> command = List.of(
                Targets.javaExecutable(),
                "-Djarmode=tools",
                "-jar",
                fatJar.toString(),
                "extract",
                "--force",
                "--destination",
                destination.toString());
        Commands.run(command, Duration.ofMinutes(2));
        Path jar = destination.resolve(fatJar.getFileName());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("extracting " + fatJar + " left no " + jar);
        }
        return jar;
    }

    /** The areas of an NMT summary, largest first, without those under 1 MiB. */
    static List<Area> areas(String summary) {
        List<Area> areas = new ArrayList<>();
        Matcher m = NMT_AREA.matcher(summary);
        while (m.find()) {
            long committed = Long.parseLong(m.group(3)) << 10;
            if (committed >= 1 << 20) {
                areas.add(new Area(m.group(1).trim(), committed));
            }
        }
        areas.sort((a, b) -> Long.compare(b.committedBytes(), a.committedBytes()));
        return List.copyOf(areas);
    }

    /** {@code jcmd PerfCounter.print}: lines of {@code name=value}, numbers kept. */
    static Map<String, Long> perfCounters(String print) {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String line : print.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                try {
                    counters.put(
                            line.substring(0, eq).trim(),
                            Long.parseLong(line.substring(eq + 1).trim()));
                } catch (NumberFormatException e) {
                    // strings (paths, flags): not a count
                }
            }
        }
        return counters;
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
