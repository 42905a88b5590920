package io.lakegate.connector.guard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Caps a SQL result at the row limit and the byte cap before it reaches the assistant. Works on both result shapes the
 * connector relays (databricks.md §6 and §8): REST {@code result.data_array} rows as arrays of strings, and managed-MCP
 * rows as {@code {"values":[{"string_value":..}, {}]}}. Bytes are the UTF-8 length of the cell values; rows are kept
 * whole, in order, while both budgets hold. A cut result says so: {@code manifest.truncated=true}, the kept
 * {@code result.row_count}, no further chunk links, and a note for the tool's text.
 */
public final class ResultSizeEnforcer {

    /** The capped result (a copy; the input is not changed) and whether anything was cut. */
    public record Enforced(Map<String, Object> result, boolean truncated, int rowsKept, long bytesKept, String note) {}

    public Enforced enforce(Map<String, Object> statementResult, GuardLimits limits) {
        Map<String, Object> copy = JsonTrees.object(JsonTrees.copy(statementResult));
        Map<String, Object> result = JsonTrees.object(copy.get("result"));
        String rowsKey = result != null && !result.containsKey("data_array") && result.containsKey("dataArray")
                ? "dataArray"
                : "data_array";
        List<Object> rows = result == null ? null : JsonTrees.array(result.get(rowsKey));
        if (rows == null) {
            return new Enforced(copy, false, 0, 0, null);
        }
        List<Object> kept = new ArrayList<>();
        long bytes = 0;
        boolean cut = false;
        for (Object row : rows) {
            long rowBytes = bytesOf(row);
            if (kept.size() >= limits.maxRows() || bytes + rowBytes > limits.maxBytes()) {
                cut = true;
                break;
            }
            kept.add(row);
            bytes += rowBytes;
        }
        if (!cut) {
            return new Enforced(copy, false, kept.size(), bytes, null);
        }
        result.put(rowsKey, kept);
        result.put("row_count", kept.size());
        result.remove("next_chunk_index");
        result.remove("next_chunk_internal_link");
        Map<String, Object> manifest = JsonTrees.object(copy.get("manifest"));
        if (manifest != null) {
            manifest.put("truncated", true);
        }
        String note = "Result truncated by Lakegate to " + kept.size() + " row(s) / " + bytes + " bytes (limits: "
                + limits.maxRows() + " rows, " + limits.maxBytes() + " bytes).";
        return new Enforced(copy, true, kept.size(), bytes, note);
    }

    private static long bytesOf(Object row) {
        long total = 0;
        if (row instanceof List<?> cells) {
            for (Object cell : cells) {
                total += cellBytes(cell);
            }
        } else if (row instanceof Map<?, ?> proto && proto.get("values") instanceof List<?> values) {
            for (Object cell : values) {
                if (cell instanceof Map<?, ?> typed) {
                    for (Object v : typed.values()) {
                        total += cellBytes(v);
                    }
                }
            }
        } else {
            total += cellBytes(row);
        }
        return total;
    }

    private static long cellBytes(Object cell) {
        return cell == null ? 0 : String.valueOf(cell).getBytes(StandardCharsets.UTF_8).length;
    }
}
