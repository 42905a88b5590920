package io.lakegate.bench.operator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The operator at fleet scale on a real kube-apiserver.
 *
 * @param connectors        McpConnector resources applied
 * @param workspaces        DatabricksWorkspace resources they reference (one namespace each)
 * @param applyDuration     time the benchmark took to create all of them
 * @param timeToAllRendered from the first create to every connector's Deployment existing
 * @param idleWindow        how long writes were counted with the operator running and nothing changing
 * @param idleWrites        operator writes in that window
 * @param resyncDuration    operator restart to idle again after reconciling every resource
 * @param resyncWrites      operator writes during that full no-op resync
 * @param resyncSample      the first few of those writes, if any
 * @param reconcileCounters successful reconciliations per kind in the restarted operator (evidence of the resync)
 * @param operatorRssBytes  resident memory of the operator process with the whole fleet rendered
 * @param operatorHeap      how the operator JVM was sized (the chart's flags and limit)
 */
public record OperatorScaleReport(
        int connectors,
        int workspaces,
        Duration applyDuration,
        Duration timeToAllRendered,
        Duration idleWindow,
        long idleWrites,
        Duration resyncDuration,
        long resyncWrites,
        List<String> resyncSample,
        String reconcileCounters,
        long operatorRssBytes,
        String operatorHeap) {

    public void appendMarkdown(StringBuilder out) {
        out.append("| Figure | Value |\n|---|---:|\n");
        row(
                out,
                "McpConnectors applied at once (over " + workspaces + " workspaces, one namespace each)",
                Integer.toString(connectors));
        row(out, "Time to create them (s)", seconds(applyDuration));
        row(out, "First create to every Deployment rendered (s)", seconds(timeToAllRendered));
        row(
                out,
                "Operator API writes, " + idleWindow.toSeconds() + " s idle with the fleet rendered (target 0)",
                Long.toString(idleWrites));
        row(
                out,
                "Operator API writes during a full no-op resync (restart, every resource reconciled; target 0)",
                Long.toString(resyncWrites));
        row(out, "Operator restart to every resource reconciled again (s)", seconds(resyncDuration));
        row(
                out,
                "Operator RSS with the fleet rendered (MiB, " + operatorHeap + "; target 256)",
                String.format(Locale.ROOT, "%.0f", operatorRssBytes / (1024.0 * 1024.0)));
        out.append('\n');
        if (!resyncSample.isEmpty()) {
            out.append("First resync writes: ")
                    .append(String.join("; ", resyncSample))
                    .append("\n\n");
        }
        out.append("Successful reconciliations counted by JOSDK in the restarted operator: ")
                .append(reconcileCounters)
                .append(". Writes are counted from the kube-apiserver's audit log (every create, update, patch and ")
                .append("delete not made by the benchmark itself or the apiserver).\n");
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append("| ").append(label).append(" | ").append(value).append(" |\n");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
