package io.lakegate.operator.connector;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.List;

/**
 * How the connector's JVM sizes itself inside the pod's limits, rendered as {@code JAVA_TOOL_OPTIONS} (the image's
 * entrypoint sets no sizing flags, so these are the ones in force; measured in bench/run's container phase under
 * the default 512Mi / 1 CPU limits, figures in docs/benchmarks.md).
 *
 * <p>Percentages, not absolute sizes, so a connector given other limits scales with them. The heap gets half of the
 * limit because the rest is needed outside it (native memory tracking, idle, dev mode: 52 MiB of metaspace, 13 MiB of
 * symbols, 14 MiB of code cache that grows as the JIT compiles the request path, plus thread stacks, Netty's direct
 * buffers and malloc); a bigger heap share lets the process reach the limit and be OOM-killed instead of collecting.
 * The live heap is small (about 37 MiB idle), so the cap matters under load, not at rest.
 */
public final class ConnectorJvm {
    public static final List<String> FLAGS = List.of(
            "-XX:MaxRAMPercentage=50",
            // one CPU: a parallel or concurrent collector only adds threads and footprint (its ergonomic choice at
            // 1 CPU, made explicit so that a pod given 2 CPUs does not switch to G1 and its larger native footprint)
            "-XX:+UseSerialGC",
            // an OutOfMemoryError leaves a process that may answer some requests and fail others; the kubelet
            // restarts it
            "-XX:+ExitOnOutOfMemoryError",
            // glibc keeps what the JVM frees (class parsing, the JIT's arenas, startup's buffers) and the kernel counts
            // it against the limit: 21 MiB of an idle connector's 198 MiB RSS. The JVM's own trimmer thread hands it
            // back every 5 s (a product flag of 17.0.9+, the images' runtime is 17.0.15); Java code on the request
            // path does not call malloc, so the trim does not sit in front of a request
            "-XX:TrimNativeHeapInterval=5000");

    /** glibc's per-thread malloc arenas (8 per core, up to 64 MiB each) are native memory the JVM does not count. */
    public static final String MALLOC_ARENA_MAX = "2";

    private ConnectorJvm() {}

    public static String options() {
        return String.join(" ", FLAGS);
    }

    static List<EnvVar> env() {
        return List.of(
                new EnvVarBuilder()
                        .withName("JAVA_TOOL_OPTIONS")
                        .withValue(options())
                        .build(),
                new EnvVarBuilder()
                        .withName("MALLOC_ARENA_MAX")
                        .withValue(MALLOC_ARENA_MAX)
                        .build());
    }
}
