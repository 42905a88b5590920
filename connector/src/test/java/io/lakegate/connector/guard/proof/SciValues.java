package io.lakegate.connector.guard.proof;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The SCI cell values of a seeded workspace, to check answers BY VALUE (issue 12's proof): a hostile query may rename,
 * re-type, aggregate or encode a column, so looking for SCI names in an answer proves nothing; finding a seeded SCI
 * value does. A cell is SCI when its column, table, schema or catalog carries the workspace's SCI tag.
 *
 * <p>Only distinctive values are looked for, so that a hit is a leak and not a coincidence: values that also occur in
 * a non-SCI cell, short numbers and short single words are dropped. Long values are searched as substrings (also
 * reversed, upper/lower case, Base64 and hex, the encodings a query can apply in SQL), decimals are compared as numbers
 * (with the sums and averages of each SCI decimal column: an aggregate of a salary column is SCI too).
 */
final class SciValues {

    private final Set<String> exact = new LinkedHashSet<>();
    private final Set<String> substrings = new LinkedHashSet<>();
    private final Set<BigDecimal> numbers = new LinkedHashSet<>();
    private final Map<String, String> origin = new LinkedHashMap<>();

    private SciValues() {}

    static SciValues of(SeedWorkspace seed, String tagKey, String tagValue) {
        SciValues v = new SciValues();
        Set<String> sci = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();
        Map<String, List<BigDecimal>> sciDecimalColumns = new LinkedHashMap<>();
        for (JsonNode c : seed.root.path("catalogs")) {
            boolean cSci = tagged(c, tagKey, tagValue);
            for (JsonNode s : c.path("schemas")) {
                boolean sSci = cSci || tagged(s, tagKey, tagValue);
                for (JsonNode t : s.path("tables")) {
                    boolean tSci = sSci || tagged(t, tagKey, tagValue);
                    JsonNode cols = t.path("columns");
                    for (int i = 0; i < cols.size(); i++) {
                        boolean colSci = tSci || tagged(cols.get(i), tagKey, tagValue);
                        String where =
                                c.path("name").asString() + "." + s.path("name").asString() + "."
                                        + t.path("name").asString() + "."
                                        + cols.get(i).path("name").asString();
                        for (JsonNode row : t.path("rows")) {
                            JsonNode cell = row.get(i);
                            if (cell == null || cell.isNull()) {
                                continue;
                            }
                            String text = cell.isValueNode() ? cell.asString() : cell.toString();
                            if (colSci) {
                                sci.add(text);
                                v.origin.putIfAbsent(text, where);
                                BigDecimal d = decimal(text);
                                if (d != null && text.contains(".")) {
                                    sciDecimalColumns
                                            .computeIfAbsent(where, k -> new ArrayList<>())
                                            .add(d);
                                }
                            } else {
                                other.add(text);
                            }
                        }
                    }
                }
            }
        }
        // names of catalogs, schemas, tables and columns show up in listings and messages: a value spelled like one
        // (an SCI department "Finance", catalog finance) is no evidence of a leak
        Set<String> names = new java.util.HashSet<>();
        for (JsonNode c : seed.root.path("catalogs")) {
            names.add(c.path("name").asString().toLowerCase(Locale.ROOT));
            for (JsonNode s : c.path("schemas")) {
                names.add(s.path("name").asString().toLowerCase(Locale.ROOT));
                for (JsonNode t : s.path("tables")) {
                    names.add(t.path("name").asString().toLowerCase(Locale.ROOT));
                    t.path("columns")
                            .forEach(
                                    col -> names.add(col.path("name").asString().toLowerCase(Locale.ROOT)));
                }
            }
        }
        for (String value : sci) {
            if (other.contains(value) || names.contains(value.toLowerCase(Locale.ROOT))) {
                continue;
            }
            BigDecimal d = decimal(value);
            if (d != null) {
                if (value.contains(".") && d.abs().compareTo(BigDecimal.valueOf(100)) >= 0) {
                    v.numbers.add(d.stripTrailingZeros());
                } else if (value.length() >= 7) {
                    v.exact.add(value.toLowerCase(Locale.ROOT));
                }
                continue;
            }
            // a single short word ("Finance", "exceeds") is too common to prove anything; long or mixed values are
            // searched anywhere, short mixed ones only as whole cells
            boolean word = value.chars().allMatch(Character::isLetter);
            if (value.length() >= 10 || (value.length() >= 7 && !word)) {
                v.substrings.add(value);
            } else if (value.length() >= 6 && !word) {
                v.exact.add(value.toLowerCase(Locale.ROOT));
            }
        }
        sciDecimalColumns.forEach((column, values) -> {
            BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            v.numbers.add(sum.stripTrailingZeros());
            v.origin.put(sum.stripTrailingZeros().toPlainString(), "sum(" + column + ")");
            BigDecimal avg = sum.divide(BigDecimal.valueOf(values.size()), 2, RoundingMode.HALF_UP);
            if (avg.abs().compareTo(BigDecimal.valueOf(100)) >= 0 && !other.contains(avg.toPlainString())) {
                v.numbers.add(avg.stripTrailingZeros());
                v.origin.put(avg.stripTrailingZeros().toPlainString(), "avg(" + column + ")");
            }
        });
        return v;
    }

    /** Adds a distinctive value that must never be returned (e.g. a host file's canary). */
    SciValues alsoForbid(String value, String where) {
        substrings.add(value);
        origin.put(value, where);
        return this;
    }

    int size() {
        return exact.size() + substrings.size() + numbers.size();
    }

    /** The SCI values found in {@code answer} (an MCP tool result's text, JSON or not), each with where it came from. */
    List<String> foundIn(String answer) {
        List<String> found = new ArrayList<>();
        String lower = answer.toLowerCase(Locale.ROOT);
        String compact = lower.replace("\\u0040", "@");
        for (String value : substrings) {
            for (String form : forms(value)) {
                if (compact.contains(form)) {
                    found.add(value + " (as '" + form + "', " + origin.get(value) + ")");
                    break;
                }
            }
        }
        List<String> leaves = new ArrayList<>();
        try {
            collect(SeedWorkspace.JSON.readTree(answer), leaves);
        } catch (RuntimeException notJson) {
            leaves.addAll(List.of(answer.split("[\\s,;|\\[\\]{}\"]+")));
        }
        for (String leaf : leaves) {
            String cell = leaf.strip().toLowerCase(Locale.ROOT);
            if (exact.contains(cell)) {
                found.add(leaf + " (" + origin.getOrDefault(leaf, "sci cell") + ")");
            }
            BigDecimal d = decimal(cell);
            if (d != null && numbers.contains(d.stripTrailingZeros())) {
                found.add(
                        leaf + " (" + origin.getOrDefault(d.stripTrailingZeros().toPlainString(), "sci decimal") + ")");
            }
        }
        return found;
    }

    private static List<String> forms(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return List.of(
                lower,
                new StringBuilder(lower).reverse().toString(),
                Base64.getEncoder().encodeToString(bytes).toLowerCase(Locale.ROOT),
                HexFormat.of().formatHex(bytes));
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isContainer()) {
            for (JsonNode child : node) {
                collect(child, out);
            }
            if (node.isObject()) {
                node.propertyNames().forEach(out::add);
            }
        } else if (!node.isNull()) {
            String text = node.asString();
            out.add(text);
            // a cell holding JSON (to_json, collect_list rendered as text): look inside it too
            if (text.length() > 1 && (text.charAt(0) == '[' || text.charAt(0) == '{')) {
                try {
                    collect(SeedWorkspace.JSON.readTree(text), out);
                } catch (RuntimeException notJson) {
                    out.addAll(List.of(text.split("[\\s,;|\\[\\]{}\"]+")));
                }
            } else if (text.indexOf(',') >= 0 || text.indexOf(';') >= 0 || text.indexOf(' ') >= 0) {
                out.addAll(List.of(text.split("[\\s,;|\\[\\]{}\"()=]+")));
            }
        }
    }

    private static BigDecimal decimal(String text) {
        if (text.isEmpty() || text.length() > 40) {
            return null;
        }
        char c = text.charAt(0);
        if (!(Character.isDigit(c) || c == '-')) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean tagged(JsonNode node, String key, String value) {
        return value.equalsIgnoreCase(node.path("tags").path(key).asString(""));
    }

    @Override
    public String toString() {
        return size() + " distinctive SCI values (" + substrings.size() + " searched as text, " + exact.size()
                + " as whole cells, " + numbers.size() + " as numbers)";
    }
}
