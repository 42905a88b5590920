package io.lakegate.connector.databricks;

import static io.lakegate.connector.databricks.DatabricksClient.segment;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Runs one read statement through the SQL Statement Execution API and returns all rows (JSON_ARRAY cells as strings).
 * Used internally (the SCI tag query), never with caller-supplied SQL. Polling and chunk-following are bounded.
 */
@Component
public class StatementExecutionApi {

    static final int MAX_POLLS = 30;
    static final int MAX_CHUNKS = 100;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final DatabricksClient client;

    public StatementExecutionApi(DatabricksClient client) {
        this.client = client;
    }

    /** A named parameter {@code :name} of the statement. */
    public record Parameter(String name, String value) {}

    public Mono<List<List<String>>> query(
            CallerIdentity caller, Workspace ws, String warehouseId, String sql, List<Parameter> parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statement", sql);
        body.put("warehouse_id", warehouseId);
        body.put(
                "parameters",
                parameters.stream()
                        .map(p -> Map.of("name", p.name(), "value", p.value()))
                        .toList());
        body.put("wait_timeout", "30s");
        body.put("on_wait_timeout", "CONTINUE");
        body.put("disposition", "INLINE");
        body.put("format", "JSON_ARRAY");
        return client.post(caller, ws, "/api/2.0/sql/statements", body)
                .flatMap(response -> untilDone(caller, ws, response, 0))
                .flatMap(done -> rows(caller, ws, done));
    }

    private Mono<JsonNode> untilDone(CallerIdentity caller, Workspace ws, JsonNode response, int polls) {
        String state = Json.text(response.path("status"), "state");
        if ("SUCCEEDED".equals(state)) {
            return Mono.just(response);
        }
        if ("PENDING".equals(state) || "RUNNING".equals(state)) {
            if (polls >= MAX_POLLS) {
                return Mono.error(new DatabricksApiException(
                        504, "DEADLINE_EXCEEDED", "statement still " + state + " after " + MAX_POLLS + " polls", null));
            }
            String id = Json.text(response, "statement_id");
            return Mono.delay(POLL_INTERVAL)
                    .then(client.get(caller, ws, "/api/2.0/sql/statements/" + segment(id), Map.of()))
                    .flatMap(next -> untilDone(caller, ws, next, polls + 1));
        }
        JsonNode error = response.path("status").path("error");
        String code = Json.text(error, "error_code");
        String message = Json.text(error, "message");
        return Mono.error(new DatabricksApiException(
                200,
                code != null ? code : "STATEMENT_" + state,
                message != null ? DatabricksErrors.trim(message) : "statement ended in state " + state,
                null));
    }

    private Mono<List<List<String>>> rows(CallerIdentity caller, Workspace ws, JsonNode done) {
        List<List<String>> rows = new ArrayList<>();
        JsonNode result = done.path("result");
        addRows(result, rows);
        return nextChunks(caller, ws, Json.text(done, "statement_id"), result, rows, 0);
    }

    private Mono<List<List<String>>> nextChunks(
            CallerIdentity caller,
            Workspace ws,
            String statementId,
            JsonNode chunk,
            List<List<String>> rows,
            int fetched) {
        Integer next = Json.integer(chunk, "next_chunk_index");
        if (next == null) {
            return Mono.just(rows);
        }
        if (fetched >= MAX_CHUNKS) {
            return Mono.error(new DatabricksApiException(
                    413, "RESULT_TOO_LARGE", "statement result has more than " + MAX_CHUNKS + " chunks", null));
        }
        return client.get(
                        caller,
                        ws,
                        "/api/2.0/sql/statements/" + segment(statementId) + "/result/chunks/" + next,
                        Map.of())
                .flatMap(data -> {
                    addRows(data, rows);
                    return nextChunks(caller, ws, statementId, data, rows, fetched + 1);
                });
    }

    private static void addRows(JsonNode data, List<List<String>> rows) {
        JsonNode array = data.path("data_array");
        if (!array.isArray()) {
            return;
        }
        for (JsonNode row : array) {
            List<String> cells = new ArrayList<>();
            for (JsonNode cell : row) {
                cells.add(
                        cell == null || cell.isNull() ? null : cell.isString() ? cell.stringValue() : cell.asString());
            }
            rows.add(cells);
        }
    }
}
