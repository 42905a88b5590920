package io.lakegate.bench.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Completed write requests read from the apiserver's audit log. The log runs in blocking mode, so a write whose
 * response a client has received is already in the file.
 */
final class AuditWrites {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One completed write: verb, resource (with subresource) and the client's user agent. */
    record Write(String verb, String resource, String namespace, String name, String userAgent, int code) {
        @Override
        public String toString() {
            return verb + " " + resource + " " + namespace + "/" + name + " -> " + code;
        }
    }

    private final Path file;

    AuditWrites(Path file) {
        this.file = file;
    }

    /** The current end of the log: writes after this offset happened after this call. */
    long end() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.size();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Complete records from {@code offset} to the end, kept when {@code filter} accepts them. */
    List<Write> since(long offset, Predicate<Write> filter) {
        List<Write> writes = new ArrayList<>();
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= offset) {
                return writes;
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - offset));
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                // the file only grows: read to the size seen
            }
            bytes = buffer.array();
        } catch (NoSuchFileException e) {
            return writes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                Write w = parse(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8));
                if (w != null && filter.test(w)) {
                    writes.add(w);
                }
                lineStart = i + 1;
            }
        }
        return writes;
    }

    private static Write parse(String line) {
        try {
            JsonNode e = JSON.readTree(line);
            if (!"ResponseComplete".equals(e.path("stage").asText())) {
                return null;
            }
            JsonNode ref = e.path("objectRef");
            String sub = ref.path("subresource").asText("");
            return new Write(
                    e.path("verb").asText(),
                    ref.path("resource").asText("") + (sub.isEmpty() ? "" : "/" + sub),
                    ref.path("namespace").asText(""),
                    ref.path("name").asText(""),
                    e.path("userAgent").asText(""),
                    e.path("responseStatus").path("code").asInt(0));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable audit record", e);
        }
    }
}
