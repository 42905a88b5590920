package io.lakegate.connector.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultSizeEnforcerTest {

    private final ResultSizeEnforcer enforcer = new ResultSizeEnforcer();

    private static Map<String, Object> restResult(int rows, String cell) {
        List<Object> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(List.of(String.valueOf(i), cell));
        }
        return Map.of(
                "statement_id",
                "s1",
                "manifest",
                Map.of("truncated", false, "total_row_count", rows),
                "result",
                Map.of("row_count", rows, "data_array", data, "next_chunk_index", 1));
    }

    @Test
    void capsRowsAndMarksTheResultTruncated() {
        Map<String, Object> input = restResult(50, "x");
        ResultSizeEnforcer.Enforced e = enforcer.enforce(input, new GuardLimits(10, 1_000_000));
        assertThat(e.truncated()).isTrue();
        assertThat(e.rowsKept()).isEqualTo(10);
        Map<String, Object> result = JsonTrees.object(e.result().get("result"));
        assertThat((List<?>) result.get("data_array")).hasSize(10);
        assertThat(result.get("row_count")).isEqualTo(10);
        assertThat(result).doesNotContainKey("next_chunk_index");
        assertThat(((Map<?, ?>) e.result().get("manifest")).get("truncated")).isEqualTo(true);
        assertThat(e.note()).contains("10 row(s)");
        assertThat(((List<?>) ((Map<?, ?>) input.get("result")).get("data_array")))
                .hasSize(50);
    }

    @Test
    void capsBytesCountingUtf8CellValuesAndKeepsWholeRows() {
        String cell = "é".repeat(50); // 100 UTF-8 bytes
        ResultSizeEnforcer.Enforced e = enforcer.enforce(restResult(20, cell), new GuardLimits(1000, 350));
        assertThat(e.rowsKept()).isEqualTo(3); // each row: 1 byte id + 100 bytes
        assertThat(e.bytesKept()).isEqualTo(303);
        assertThat(e.truncated()).isTrue();
    }

    @Test
    void understandsManagedMcpProtoRows() {
        List<Object> data = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            data.add(Map.of("values", List.of(Map.of("string_value", "abcdefghij"), Map.of())));
        }
        Map<String, Object> mcp = Map.of(
                "statement_id",
                "s",
                "status",
                Map.of("state", "SUCCEEDED"),
                "manifest",
                Map.of("schema", Map.of("columns", List.of(Map.of("name", "a"), Map.of("name", "b")))),
                "result",
                Map.of("data_array", data));
        ResultSizeEnforcer.Enforced e = enforcer.enforce(mcp, new GuardLimits(100, 25));
        assertThat(e.rowsKept()).isEqualTo(2);
        assertThat(e.bytesKept()).isEqualTo(20);
    }

    @Test
    void leavesSmallResultsAndResultsWithoutRowsUntouched() {
        ResultSizeEnforcer.Enforced e = enforcer.enforce(restResult(3, "x"), GuardLimits.DEFAULTS);
        assertThat(e.truncated()).isFalse();
        assertThat(e.note()).isNull();
        assertThat(enforcer.enforce(Map.of("status", Map.of("state", "PENDING")), GuardLimits.DEFAULTS)
                        .truncated())
                .isFalse();
    }
}
