package io.lakegate.connector.guard;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lakegate.emulator.seed.Seed;

/**
 * The cell values an answer must never contain: every value of an SCI column, table, schema or catalog of the seed
 * that also never occurs in permitted data (so a hit is a leak, not a coincidence), and is long enough to be
 * distinctive. Leaks are found by value, whatever name or alias carried them out.
 */
final class SeedSciValues {

    private SeedSciValues() {
    }

    static Set<String> of(Seed seed) {
        Set<String> secret = new HashSet<>();
        Set<String> permitted = new HashSet<>();
        for (Seed.Catalog c : seed.catalogs()) {
            for (Seed.Schema s : c.schemas()) {
                for (Seed.Table t : s.tables()) {
                    boolean wholeTable = isSci(c.tags()) || isSci(s.tags()) || isSci(t.tags());
                    for (List<Object> row : t.rows() == null ? List.<List<Object>>of() : t.rows()) {
                        for (int i = 0; i < row.size() && i < t.columns().size(); i++) {
                            Object v = row.get(i);
                            if (v == null) {
                                continue;
                            }
                            String text = v.toString();
                            (wholeTable || isSci(t.columns().get(i).tags()) ? secret : permitted).add(text);
                        }
                    }
                }
            }
        }
        secret.removeAll(permitted);
        secret.removeIf(v -> v.length() < 6 || v.matches("\\d{4}-\\d{2}-\\d{2}.*") || v.matches("[0-9.]{1,7}"));
        return secret;
    }

    private static boolean isSci(Map<String, String> tags) {
        return tags != null && "SCI".equalsIgnoreCase(tags.getOrDefault("classification", ""));
    }
}
