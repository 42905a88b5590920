package io.lakegate.emulator.sql;

import static io.lakegate.emulator.http.Json.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** StatementResponse JSON of the Statement Execution API (INLINE + JSON_ARRAY, one chunk). */
public final class StatementJson {

    private StatementJson() {}

    public static Map<String, Object> response(StatementRecord rec) {
        String state = rec.state();
        Map<String, Object> status = obj("state", state);
        if (state.equals("FAILED")) {
            SqlFailure f = rec.failure();
            status.put("error", obj("error_code", f.errorCode(), "message", f.getMessage()));
            status.put("sql_state", f.sqlState());
        }
        Map<String, Object> body = obj("statement_id", rec.id(), "status", status);
        if (state.equals("SUCCEEDED")) {
            StatementResult r = rec.result();
            body.put("manifest", manifest(r));
            body.put("result", chunk(r));
        }
        return body;
    }

    public static Map<String, Object> manifest(StatementResult r) {
        List<Map<String, Object>> cols = new ArrayList<>();
        for (StatementResult.ResultColumn c : r.columns()) {
            cols.add(obj(
                    "name",
                    c.name(),
                    "type_text",
                    c.typeText(),
                    "type_name",
                    c.typeName(),
                    "position",
                    c.position(),
                    "type_precision",
                    c.precision(),
                    "type_scale",
                    c.scale()));
        }
        return obj(
                "format",
                "JSON_ARRAY",
                "schema",
                obj("column_count", cols.size(), "columns", cols),
                "total_chunk_count",
                1,
                "chunks",
                List.of(obj(
                        "chunk_index", 0, "row_offset", 0, "row_count", r.rows().size())),
                "total_row_count",
                r.rows().size(),
                "total_byte_count",
                byteCount(r),
                "truncated",
                r.truncated());
    }

    public static Map<String, Object> chunk(StatementResult r) {
        return obj(
                "chunk_index",
                0,
                "row_offset",
                0,
                "row_count",
                r.rows().size(),
                "data_array",
                r.rows().isEmpty() ? null : r.rows());
    }

    private static long byteCount(StatementResult r) {
        return io.lakegate.emulator.http.Json.write(r.rows()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
