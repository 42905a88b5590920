package io.lakegate.connector.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GenieAttachmentGuardTest {

    private final GenieAttachmentGuard genie = new GenieAttachmentGuard(new ResultSizeEnforcer());
    private final FixtureWorkspace workspace = FixtureWorkspace.demo();
    private final GuardContext ctx = workspace.context();
    private final SqlGuard guard = new SqlGuard();

    /** The verdicts the connector computes before guarding an answer: each attachment's SQL checked as already run. */
    @SuppressWarnings("unchecked")
    private Map<String, GuardDecision> verdicts(Map<String, Object> result) {
        Map<String, GuardDecision> verdicts = new java.util.HashMap<>();
        Map<String, Object> content = (Map<String, Object>) result.get("content");
        if (content != null) {
            for (Object a : (List<Object>) content.get("queryAttachments")) {
                if (((Map<String, Object>) a).get("query") instanceof String sql) {
                    verdicts.put(sql, workspace.check(guard, sql, ctx, true));
                }
            }
        }
        return verdicts;
    }

    private GenieAttachmentGuard.Guarded guard(Map<String, Object> result, GuardLimits limits) {
        return genie.guard(result, verdicts(result), limits);
    }

    private static Map<String, Object> attachment(String sql, String value) {
        return Map.of("query", sql, "description", "what Genie did",
                "statement_response", Map.of("statement_id", "st", "status", Map.of("state", "SUCCEEDED"),
                        "manifest", Map.of("schema", Map.of("columns", List.of(Map.of("name", "v")))),
                        "result", Map.of("data_array", List.of(Map.of("values", List.of(Map.of("string_value", value)))))));
    }

    private static Map<String, Object> genieResult(Object... attachments) {
        return Map.of("conversationId", "c1", "messageId", "m1", "status", "COMPLETED",
                "content", Map.of("textAttachments", List.of("The answer is 4111-1111."),
                        "queryAttachments", List.of(attachments), "suggestedQuestions", List.of()));
    }

    @Test
    void withholdsTheDataSqlAndSummaryOfAnAttachmentThatReadsSci() {
        Map<String, Object> input = genieResult(
                attachment("SELECT count(*) FROM sales.core.orders", "60"),
                attachment("SELECT c.name, k.pan FROM customers c JOIN credit_cards k ON k.customer_id = c.customer_id", "4111-1111"));
        GenieAttachmentGuard.Guarded g = guard(input, ctx.limits());

        assertThat(g.anyWithheld()).isTrue();
        Map<?, ?> content = (Map<?, ?>) g.result().get("content");
        List<?> attachments = (List<?>) content.get("queryAttachments");
        Map<String, Object> kept = JsonTrees.object(attachments.get(0));
        Map<String, Object> withheld = JsonTrees.object(attachments.get(1));
        assertThat(kept).containsKeys("query", "statement_response");
        assertThat(withheld).doesNotContainKeys("query", "statement_response");
        assertThat(withheld.get("withheld").toString()).contains("could not be verified").doesNotContain("SCI");
        assertThat(withheld.get("description")).isEqualTo("what Genie did");
        assertThat(content.get("textAttachments").toString()).doesNotContain("4111").contains("withheld 1 query result");
        assertThat(g.result().toString()).doesNotContain("4111", "credit_cards", "pan");
        // the caller's tree is untouched
        assertThat(input.toString()).contains("4111");
    }

    @Test
    void sciColumnsAndUnverifiableSqlAreWithheldToo() {
        GenieAttachmentGuard.Guarded g = guard(genieResult(
                attachment("SELECT email FROM customers", "a@b.c"),
                attachment("SELECT * FROM customers", "x"),
                attachment("SELECT * FROM orders |> WHERE amount > 1", "y")), ctx.limits());
        assertThat(g.withheld()).hasSize(3);
        // one reason for every refusal: naming the cause would confirm that an SCI object exists
        assertThat(g.withheld()).allMatch(r -> r.contains("could not be verified") && !r.contains("SCI"));
    }

    @Test
    void cleanAnswersPassWithTheirTextAndDataCapped() {
        Map<String, Object> two = Map.of("query", "SELECT region FROM orders", "statement_response",
                Map.of("result", Map.of("data_array", List.of(
                        Map.of("values", List.of(Map.of("string_value", "EU"))),
                        Map.of("values", List.of(Map.of("string_value", "US")))))));
        GenieAttachmentGuard.Guarded g = guard(genieResult(two), new GuardLimits(1, 1000));
        assertThat(g.anyWithheld()).isFalse();
        Map<?, ?> content = (Map<?, ?>) g.result().get("content");
        assertThat(content.get("textAttachments")).isEqualTo(List.of("The answer is 4111-1111."));
        Map<?, ?> a = (Map<?, ?>) ((List<?>) content.get("queryAttachments")).get(0);
        assertThat(a.get("truncated").toString()).contains("1 row(s)");
        assertThat(a.toString()).contains("EU").doesNotContain("US");
    }

    @Test
    void resultsWithoutAttachmentsAreReturnedAsTheyAre() {
        Map<String, Object> pending = Map.of("conversationId", "c", "status", "EXECUTING_QUERY");
        assertThat(guard(pending, ctx.limits()).result()).isEqualTo(pending);
    }
}
