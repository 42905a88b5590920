package io.lakegate.bench.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The operator's JVM as the Helm chart runs it: the chart's default {@code jvmOptions} and its memory limit. Outside a
 * container the JVM cannot see the limit, so {@code -XX:MaxRAM} stands in for it (the JVM sizes its heap percentages
 * from MaxRAM when it is set, as it does from the cgroup limit in a pod).
 *
 * @param flags       the JVM arguments, MaxRAM first
 * @param env         the process environment the chart sets besides them (MALLOC_ARENA_MAX)
 * @param description how the report names them
 */
record ChartJvm(List<String> flags, Map<String, String> env, String description) {

    static ChartJvm of(Path chartDir) {
        JsonNode values;
        try {
            values = new YAMLMapper().readTree(chartDir.resolve("values.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operator chart's values in " + chartDir, e);
        }
        String limit = values.path("resources").path("limits").path("memory").asText();
        String options = values.path("jvmOptions").asText().trim();
        if (limit.isEmpty() || options.isEmpty()) {
            throw new IllegalStateException("the chart in " + chartDir + " sets no memory limit or no jvmOptions");
        }
        List<String> flags = new ArrayList<>();
        flags.add("-XX:MaxRAM=" + bytes(limit));
        flags.addAll(Arrays.asList(options.split("\\s+")));
        String arenas = values.path("mallocArenaMax").asText();
        Map<String, String> env = arenas.isEmpty() ? Map.of() : Map.of("MALLOC_ARENA_MAX", arenas);
        return new ChartJvm(List.copyOf(flags), env, "the chart's jvmOptions under its " + limit + " limit");
    }

    /** Kubernetes binary quantities as the chart writes them (Mi, Gi). */
    static long bytes(String quantity) {
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) << 20;
        }
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) << 30;
        }
        throw new IllegalArgumentException("unsupported memory quantity " + quantity + " (expected Mi or Gi)");
    }
}
