package io.lakegate.bench.container;

import io.lakegate.bench.load.PhaseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@link ContainerBench} measured; rendered beside each target of issue 18. */
public final class ContainerReport {

    public String limits;
    public String jvmFlags;
    public long memoryLimitBytes;
    public int sessions;
    public Duration load;
    public Duration startup;
    public Duration firstInitialize;
    /** A second user's first initialize, right after: the same request once its code has run. */
    public Duration secondCallerInitialize;
    /** Resident memory when readiness first answered 200: startup's garbage and buffers still there. */
    public long readyRssBytes;
    /** Resident memory after {@link ContainerBench#IDLE} without a request: what an idle pod holds. */
    public long idleRssBytes;

    public long peakRssBytes;
    public long cpuMillis;
    public final List<PhaseResult> phases = new ArrayList<>();
    /** podman's view of the container at the end: status, OOMKilled, exit code. */
    public String state;
    /** Why the phase stopped early, if it did. */
    public String failure;

    public long calls() {
        return phases.stream().mapToLong(PhaseResult::calls).sum();
    }

    public long errors() {
        return phases.stream().mapToLong(PhaseResult::errors).sum();
    }

    public void appendMarkdown(StringBuilder out) {
        out.append("Connector image under podman with the operator's default pod limits (")
                .append(limits)
                .append(") and the JVM flags the operator renders: `")
                .append(jvmFlags)
                .append("`.\n\n");
        out.append("| Figure | Value | Target |\n|---|---:|---:|\n");
        row(
                out,
                "Startup to ready, `podman run` to the first 200 from /actuator/health/readiness (ms)",
                startup == null ? "—" : Long.toString(startup.toMillis()),
                "≤ 2,000");
        row(
                out,
                "First initialize after readiness (ms)",
                firstInitialize == null ? "—" : millis(firstInitialize),
                "≤ 50");
        row(
                out,
                "... a second caller's first initialize, just after (ms)",
                secondCallerInitialize == null ? "—" : millis(secondCallerInitialize),
                "—");
        row(out, "RSS at readiness (MiB)", Long.toString(ContainerBench.mib(readyRssBytes)), "—");
        row(
                out,
                "RSS idle, " + ContainerBench.IDLE.toSeconds() + " s after the first initialize (MiB)",
                Long.toString(ContainerBench.mib(idleRssBytes)),
                "≤ 150");
        long limitMib = ContainerBench.mib(memoryLimitBytes);
        row(
                out,
                "RSS peak under " + sessions + " sessions, " + load.toSeconds() + " s of discovery (MiB)",
                ContainerBench.mib(peakRssBytes)
                        + String.format(
                                Locale.ROOT, " (%.0f %% of %d)", 100.0 * peakRssBytes / memoryLimitBytes, limitMib),
                String.format(Locale.ROOT, "≤ %d (80 %%)", limitMib * 8 / 10));
        row(out, "Calls / failed calls under load", calls() + " / " + errors(), "— / 0");
        row(out, "Container at the end (podman)", state == null ? "—" : state, "running oom=false");
        out.append('\n');
        if (failure != null) {
            out.append("The phase stopped early: ").append(failure).append("\n\n");
        }
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }

    private static void row(StringBuilder out, String label, String value, String target) {
        out.append("| ")
                .append(label)
                .append(" | ")
                .append(value)
                .append(" | ")
                .append(target)
                .append(" |\n");
    }
}
