package io.lakegate.connector.guard.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A corpus directory under {@code guard-corpus/}: one file per class, entries {@code #### <id> [flags]} followed by the
 * statement (may span lines) and, for the legitimate corpus, a last line {@code => <expected answer as JSON>}.
 */
final class Corpus {

    record Entry(String cls, String id, List<String> flags, String sql, String expected) {
        boolean has(String flag) {
            return flags.contains(flag);
        }
    }

    private Corpus() {}

    static List<Entry> load(String directory) {
        Path dir = resources().resolve("guard-corpus").resolve(directory);
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String name = file.getFileName().toString();
                parse(name.substring(0, name.length() - 4), Files.readString(file, StandardCharsets.UTF_8), entries);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("empty corpus " + dir);
        }
        return entries;
    }

    private static void parse(String cls, String text, List<Entry> out) {
        String[] lines = text.split("\n", -1);
        String[] header = null;
        StringBuilder sql = null;
        for (String line : lines) {
            if (line.startsWith("####")) {
                add(cls, header, sql, out);
                header = line.substring(4).strip().split("\\s+");
                sql = new StringBuilder();
            } else if (sql != null) {
                sql.append(line).append('\n');
            }
        }
        add(cls, header, sql, out);
    }

    private static void add(String cls, String[] header, StringBuilder body, List<Entry> out) {
        if (header == null) {
            return;
        }
        String text = body.toString();
        while (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        String expected = null;
        int arrow = text.lastIndexOf("\n=> ");
        if (arrow >= 0) {
            expected = text.substring(arrow + 4);
            text = text.substring(0, arrow);
        }
        out.add(new Entry(cls, header[0], List.of(header).subList(1, header.length), text, expected));
    }

    private static Path resources() {
        try {
            return Path.of(Corpus.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
