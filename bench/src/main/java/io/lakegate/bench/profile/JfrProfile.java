package io.lakegate.bench.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder profile of a running JVM (started and stopped with {@code jcmd}), summarised as where its
 * CPU samples land: by layer (the package of the sampled frame) and by hottest methods.
 */
public final class JfrProfile {

    /** Layers, checked in order against the sampled (top) frame's class name. */
    private static final List<Map.Entry<String, String>> LAYERS = List.of(
            Map.entry("io.lakegate.", "Lakegate code (tools, SCI, registry)"),
            Map.entry("io.modelcontextprotocol.", "MCP Java SDK (JSON-RPC, sessions)"),
            Map.entry("org.springframework.ai.", "Spring AI MCP server"),
            Map.entry("tools.jackson.", "Jackson 3 (JSON)"),
            Map.entry("com.fasterxml.jackson.", "Jackson 2 (JSON)"),
            Map.entry("reactor.netty.", "Reactor Netty (HTTP server and client)"),
            Map.entry("io.netty.", "Netty (I/O, buffers)"),
            Map.entry("reactor.", "Reactor (operators, schedulers)"),
            Map.entry("org.springframework.security.", "Spring Security"),
            Map.entry("org.springframework.", "Spring Framework (WebFlux, web)"),
            Map.entry("io.micrometer.", "Micrometer (metrics, observation)"),
            Map.entry("io.opentelemetry.", "OpenTelemetry"),
            Map.entry("io.github.resilience4j.", "resilience4j"),
            Map.entry("com.github.benmanes.caffeine.", "Caffeine"),
            Map.entry("java.util.regex.", "JDK regex"),
            Map.entry("java.", "JDK (collections, strings, I/O)"),
            Map.entry("jdk.", "JDK internals"),
            Map.entry("sun.", "JDK internals"));

    /**
     * @param lakegateInclusive Lakegate methods by the samples that have them anywhere on the stack (the work done in
     *                          them and in everything they call), highest first: where a request's CPU goes by step
     */
    public record Summary(
            long samples,
            Map<String, Long> byLayer,
            List<Map.Entry<String, Long>> hotMethods,
            Duration gcPauseTotal,
            long gcCount,
            List<Map.Entry<String, Long>> lakegateInclusive) {}

    private final long pid;
    private final Path file;

    private JfrProfile(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    /** Starts a recording with the JDK's "profile" settings (10 ms Java sampling) in the target JVM. */
    public static JfrProfile start(long pid, Path file) {
        Jcmd.run(pid, "JFR.start", "name=lakegate-bench", "settings=profile", "filename=" + file);
        return new JfrProfile(pid, file);
    }

    /** Stops the recording (which writes it to the file) and summarises it. */
    public Summary stopAndSummarise(int topMethods) {
        Jcmd.run(pid, "JFR.stop", "name=lakegate-bench");
        return summarise(file, topMethods);
    }

    public Path file() {
        return file;
    }

    static Summary summarise(Path recording, int topMethods) {
        Map<String, Long> byLayer = new LinkedHashMap<>();
        Map<String, Long> byMethod = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        long samples = 0;
        long gcCount = 0;
        Duration gcPause = Duration.ZERO;
        try (RecordingFile in = new RecordingFile(recording)) {
            while (in.hasMoreEvents()) {
                RecordedEvent e = in.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    RecordedStackTrace stack = e.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    RecordedFrame top = stack.getFrames().get(0);
                    String cls = top.getMethod().getType().getName();
                    samples++;
                    byLayer.merge(layerOf(cls), 1L, Long::sum);
                    byMethod.merge(cls + "." + top.getMethod().getName(), 1L, Long::sum);
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    for (RecordedFrame f : stack.getFrames()) {
                        String owner = f.getMethod().getType().getName();
                        // lambda and proxy classes only repeat the frame of the method that holds them
                        if (owner.startsWith("io.lakegate.") && !owner.contains("$$")) {
                            seen.add(owner.substring(owner.lastIndexOf('.') + 1) + "."
                                    + f.getMethod().getName());
                        }
                    }
                    seen.forEach(m -> inclusive.merge(m, 1L, Long::sum));
                } else if (type.equals("jdk.GarbageCollection")) {
                    gcCount++;
                    gcPause = gcPause.plus(e.getDuration("sumOfPauses"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + recording, e);
        }
        Map<String, Long> sortedLayers = new LinkedHashMap<>();
        byLayer.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(en -> sortedLayers.put(en.getKey(), en.getValue()));
        List<Map.Entry<String, Long>> hot = new ArrayList<>(byMethod.entrySet());
        hot.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        List<Map.Entry<String, Long>> steps = new ArrayList<>(inclusive.entrySet());
        steps.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        return new Summary(
                samples,
                sortedLayers,
                List.copyOf(hot.subList(0, Math.min(topMethods, hot.size()))),
                gcPause,
                gcCount,
                List.copyOf(steps.subList(0, Math.min(2 * topMethods, steps.size()))));
    }

    static String layerOf(String className) {
        for (Map.Entry<String, String> layer : LAYERS) {
            if (className.startsWith(layer.getKey())) {
                return layer.getValue();
            }
        }
        return "other libraries";
    }
}
