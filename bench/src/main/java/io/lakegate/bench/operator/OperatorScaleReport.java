package io.lakegate.bench.operator;

import java.time.Duration;
import java.util.Locale;

/**
 * The operator at fleet scale on a real kube-apiserver.
 *
 * @param connectors          McpConnector resources applied
 * @param workspaces          DatabricksWorkspace resources they reference
 * @param applyDuration       time to create all of them
 * @param timeToAllRendered   from the first create to every connector's Deployment existing
 * @param noopResyncWindow    how long writes were counted with nothing changing
 * @param noopResyncWrites    create/update/patch/delete requests the operator made in that window
 * @param operatorRssBytes    resident memory of the operator process after rendering the fleet
 */
public record OperatorScaleReport(int connectors, int workspaces, Duration applyDuration, Duration timeToAllRendered,
                                  Duration noopResyncWindow, long noopResyncWrites, long operatorRssBytes,
                                  String writeCounting) {

    public void appendMarkdown(StringBuilder out) {
        out.append("| Figure | Value |\n|---|---:|\n");
        out.append(String.format(Locale.ROOT, "| McpConnectors applied (over %d workspaces) | %d |%n", workspaces, connectors));
        out.append(String.format(Locale.ROOT, "| Time to apply them (s) | %.1f |%n", applyDuration.toMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "| First apply to all Deployments rendered (s) | %.1f |%n",
                timeToAllRendered.toMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "| API writes during a no-op resync (%d s window; target 0) | %d |%n",
                noopResyncWindow.toSeconds(), noopResyncWrites));
        out.append(String.format(Locale.ROOT, "| Operator RSS with the fleet rendered (MiB) | %.0f |%n",
                operatorRssBytes / (1024.0 * 1024.0)));
        out.append("\nWrites counted by: ").append(writeCounting).append('\n');
    }
}
