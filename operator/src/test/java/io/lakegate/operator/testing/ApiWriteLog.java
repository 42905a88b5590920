package io.lakegate.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every write the apiserver completed, read from its audit log, so a test can assert what a reconcile wrote (and that
 * a no-op resync wrote nothing) whichever client the code under test built.
 *
 * <p>The audit log is appended after a response is produced, so "nothing was logged yet" is not "nothing happened".
 * {@link #mark()} and {@link #since(Mark)} therefore each send a <em>barrier</em>: an empty patch whose field manager
 * carries a sequence number, and wait until that record appears. Every write completed before the barrier was sent is
 * logged before it (the log backend runs in blocking mode).
 */
public final class ApiWriteLog {

    static final String BARRIER_USER_AGENT = "lakegate-test-audit-barrier";
    private static final String BARRIER_NAMESPACE = "default";
    private static final String BARRIER_NAME = "lakegate-audit-barrier";
    private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(20);

    /** Metadata of mutating requests only; reads and watches would make the log large and are not needed. */
    static final String AUDIT_POLICY = """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: ["RequestReceived"]
      rules:
        - level: Metadata
          verbs: ["create", "update", "patch", "delete", "deletecollection"]
        - level: None
      """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final KubernetesClient barrierClient;
    private final AtomicLong barrierSequence = new AtomicLong();
    private long scannedUpTo;

    ApiWriteLog(Path file, KubernetesClient barrierClient) {
        this.file = file;
        this.barrierClient = barrierClient;
    }

    /** A position in the log: every write completed before this call is before it. */
    public record Mark(long offset) {}

    public Mark mark() {
        return new Mark(barrier().end());
    }

    /**
     * Writes logged after {@code mark} up to now (a fresh barrier), oldest first, without the barriers themselves and
     * without the apiserver's own bookkeeping writes (its identity lease, by user agent {@code kube-apiserver}).
     */
    public List<ApiWrite> since(Mark mark) {
        Barrier end = barrier();
        List<ApiWrite> writes = new ArrayList<>();
        for (Line line : linesFrom(mark.offset())) {
            if (line.start() >= end.start()) {
                break;
            }
            ApiWrite write = parse(line.text());
            if (write != null && !write.byUserAgent(BARRIER_USER_AGENT) && !write.byUserAgent("kube-apiserver")) {
                writes.add(write);
            }
        }
        return writes;
    }

    private record Barrier(long start, long end) {}

    private synchronized Barrier barrier() {
        String fieldManager = "lakegate-audit-barrier-" + barrierSequence.incrementAndGet();
        var configMaps = barrierClient.configMaps().inNamespace(BARRIER_NAMESPACE);
        if (configMaps.withName(BARRIER_NAME).get() == null) {
            configMaps
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName(BARRIER_NAME)
                            .endMetadata()
                            .build())
                    .create();
        }
        configMaps
                .withName(BARRIER_NAME)
                .patch(
                        new PatchContext.Builder()
                                .withPatchType(PatchType.JSON_MERGE)
                                .withFieldManager(fieldManager)
                                .build(),
                        "{}");
        String needle = "fieldManager=" + fieldManager;
        long deadline = System.nanoTime() + BARRIER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            // barriers are sequential, so this one is after the previous one: scan only the new part of the log
            for (Line line : linesFrom(scannedUpTo)) {
                if (isBarrier(line.text(), needle)) {
                    scannedUpTo = line.end();
                    return new Barrier(line.start(), line.end());
                }
            }
            sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException("audit barrier " + fieldManager + " did not reach " + file + " within "
                + BARRIER_TIMEOUT.toSeconds() + " s");
    }

    private static boolean isBarrier(String line, String needle) {
        int at = line.indexOf(needle);
        if (at < 0) {
            return false;
        }
        int after = at + needle.length();
        // barrier-1 must not match barrier-12
        return after < line.length() && !Character.isDigit(line.charAt(after));
    }

    private record Line(long start, long end, String text) {}

    /** Complete lines from {@code offset} to the current end of the log; a partly written last line is left out. */
    private List<Line> linesFrom(long offset) {
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= offset) {
                return List.of();
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - offset));
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                // read until full: the file only grows
            }
            bytes = buffer.array();
        } catch (NoSuchFileException e) {
            return List.of(); // the apiserver creates the log with its first audited request
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Line> lines = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(new Line(
                        offset + lineStart,
                        offset + i + 1,
                        new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8)));
                lineStart = i + 1;
            }
        }
        return lines;
    }

    private static ApiWrite parse(String line) {
        try {
            JsonNode event = JSON.readTree(line);
            if (!"ResponseComplete".equals(event.path("stage").asText())) {
                return null;
            }
            JsonNode ref = event.path("objectRef");
            return new ApiWrite(
                    event.path("verb").asText(),
                    ref.path("apiGroup").asText(""),
                    ref.path("resource").asText(""),
                    ref.path("subresource").asText(""),
                    ref.path("namespace").asText(""),
                    ref.path("name").asText(""),
                    event.path("userAgent").asText(""),
                    event.path("responseStatus").path("code").asInt(0),
                    event.path("requestURI").asText(""));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable audit record: " + line, e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the audit log", e);
        }
    }
}
