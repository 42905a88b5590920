package io.lakegate.connector.guard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a query corpus from test resources: a line {@code ####} or {@code #### <expected token>} starts an entry, the
 * lines after it (up to the next {@code ####}) are its SQL; {@code #} lines before the first entry are comments.
 */
record QueryCorpus(String name, List<Entry> entries) {

    record Entry(int line, String expectedToken, String sql) {}

    static QueryCorpus load(String resource) {
        try (InputStream in = QueryCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus " + resource);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            List<Entry> entries = new ArrayList<>();
            String token = null;
            int start = 0;
            StringBuilder sql = null;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.startsWith("####")) {
                    if (sql != null) {
                        entries.add(new Entry(start, token, strip(sql)));
                    }
                    token = line.substring(4).strip();
                    start = i + 1;
                    sql = new StringBuilder();
                } else if (sql != null) {
                    sql.append(line).append('\n');
                }
            }
            if (sql != null) {
                entries.add(new Entry(start, token, strip(sql)));
            }
            return new QueryCorpus(resource, List.copyOf(entries));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String strip(StringBuilder sql) {
        String s = sql.toString();
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
