package io.lakegate.connector.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The attachment handling of Genie answers in every shape Genie servers use. The executed-SQL verdict is a stand-in
 * here (this class's job is to find every piece of SQL and data and act on the verdict, whatever the guard says);
 * the guard itself is tested with its own corpus.
 */
class GenieAttachmentGuardTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final GuardLimits LIMITS = new GuardLimits(100, 100_000);
    private final GenieAttachmentGuard genie = new GenieAttachmentGuard(new ResultSizeEnforcer());
    /** SQL seen by the verdict, to prove every attachment's SQL was asked about. */
    private final List<String> asked = new ArrayList<>();

    private final Function<String, Mono<GuardDecision>> verdict = sql -> {
        asked.add(sql);
        return Mono.just(
                sql.contains("credit_cards") || sql.contains("email")
                        ? new GuardDecision.Refused(
                                GuardDecision.RefusalKind.NOT_FOUND, "refused", "sales.core.credit_cards")
                        : allowed(sql));
    };

    static GuardDecision allowed(String sql) {
        return new GuardDecision.Allowed(
                sql, GuardDecision.StatementKind.SELECT, 100, 100_000, List.of(), java.util.Optional.empty());
    }

    private GenieAttachmentGuard.Guarded guard(Map<String, Object> answer) {
        return genie.guard(answer, verdict, LIMITS).block();
    }

    private static Map<String, Object> parse(String json) {
        return JsonTrees.object(JSON.readValue(json, Object.class));
    }

    private static final String CLEAN_SQL = "SELECT count(*) FROM sales.core.orders";
    private static final String SCI_SQL =
            "SELECT c.name, k.pan FROM sales.core.customers c JOIN sales.core.credit_cards k "
                    + "ON k.customer_id = c.customer_id";

    /** The Genie space server's shape (databricks.md §8): camelCase envelope, snake_case statement_response. */
    private static String spaceAnswer(String attachments, String contentKeys) {
        return """
                {"conversationId":"c1","messageId":"m1","status":"COMPLETED",
                 "content":{"%s":["The card is 4111-1111."],"%s":[%s],"%s":["Show 4111 holders?"]}}""".formatted(
                        contentKeys.split(",")[0],
                        contentKeys.split(",")[1],
                        attachments,
                        contentKeys.split(",")[2]);
    }

    private static String attachment(String sql, String value, String responseKey) {
        return """
                {"query":%s,"description":"Genie looked at %s","%s":{"statement_id":"st","status":{"state":"SUCCEEDED"},
                 "manifest":{"schema":{"columns":[{"name":"v"}]}},
                 "result":{"data_array":[{"values":[{"string_value":"%s"}]}]}}}""".formatted(JSON.writeValueAsString(sql), value, responseKey, value);
    }

    @Test
    void camelCaseAnswerReadingSciIsWithheldWithItsSummary() {
        GenieAttachmentGuard.Guarded g = guard(parse(spaceAnswer(
                attachment(CLEAN_SQL, "60", "statement_response") + ","
                        + attachment(SCI_SQL, "4111-1111", "statement_response"),
                "textAttachments,queryAttachments,suggestedQuestions")));
        assertWithheldOneOfTwo(g, "queryAttachments", "textAttachments");
    }

    @Test
    void snakeCaseAnswerReadingSciIsWithheldWithItsSummary() {
        GenieAttachmentGuard.Guarded g = guard(parse(spaceAnswer(
                attachment(CLEAN_SQL, "60", "statementResponse") + ","
                        + attachment(SCI_SQL, "4111-1111", "statementResponse"),
                "text_attachments,query_attachments,suggested_questions")));
        assertWithheldOneOfTwo(g, "query_attachments", "text_attachments");
    }

    private void assertWithheldOneOfTwo(GenieAttachmentGuard.Guarded g, String attachmentsKey, String textKey) {
        assertThat(asked).containsExactly(CLEAN_SQL, SCI_SQL);
        assertThat(g.withheld()).containsExactly(GenieAttachmentGuard.UNVERIFIED);
        Map<String, Object> content = JsonTrees.object(g.result().get("content"));
        List<Object> attachments = JsonTrees.array(content.get(attachmentsKey));
        assertThat(JsonTrees.object(attachments.get(0)).toString()).contains("60", CLEAN_SQL);
        assertThat(JsonTrees.object(attachments.get(1))).containsOnlyKeys("withheld");
        assertThat(content.get(textKey).toString()).contains("withheld 1 query result");
        String all = g.result().toString();
        assertThat(all).doesNotContain("4111", "credit_cards", "pan", "customers");
    }

    @Test
    void restShapedMessageWithSqlInsideAQueryObjectIsChecked() {
        GenieAttachmentGuard.Guarded g = guard(parse("""
                {"message_id":"m","conversation_id":"c","status":"COMPLETED","content":"who holds cards?",
                 "attachments":[{"attachment_id":"a1","query":{"query":%s,"statement_id":"s1","description":"holders",
                    "query_result_metadata":{"row_count":3}}},
                  {"attachment_id":"a2","text":{"id":"t","content":"Three customers hold card 4111."}}]}""".formatted(JSON.writeValueAsString(SCI_SQL))));
        assertThat(asked).containsExactly(SCI_SQL);
        assertThat(g.anyWithheld()).isTrue();
        assertThat(g.result().toString())
                .doesNotContain("4111", "credit_cards", "holders")
                .contains("a1");
        // the question the user asked stays: it is the user's own text
        assertThat(g.result().get("content")).isEqualTo("who holds cards?");
    }

    @Test
    void dataWithoutSqlCannotBeCheckedAndIsWithheld() {
        // Genie One's shape: query items carry a statement response but no SQL
        GenieAttachmentGuard.Guarded g = guard(parse("""
                {"conversation_id":"c","response_id":"r","status":"completed","final_answer":"Payroll total is 51000.",
                 "query_items":[{"description":"payroll","statement_response":{"result":{"data_array":[["51000"]]}}}]}"""));
        assertThat(asked).isEmpty();
        assertThat(g.withheld()).containsExactly(GenieAttachmentGuard.NO_SQL);
        assertThat(g.result().toString()).doesNotContain("51000", "payroll", "Payroll");
        assertThat(g.result().get("final_answer").toString()).contains("withheld");
    }

    @Test
    void aBareStatementResponseAtTheRootIsWithheld() {
        GenieAttachmentGuard.Guarded g = guard(parse("""
                {"statement_id":"s","manifest":{"schema":{"columns":[{"name":"salary"}]}},
                 "result":{"data_array":[["51000"]]}}"""));
        assertThat(g.anyWithheld()).isTrue();
        assertThat(g.result().toString()).doesNotContain("51000", "salary");
    }

    @Test
    void cleanAnswersPassWithTheirTextAndDataCapped() {
        Map<String, Object> two = Map.of(
                "query",
                "SELECT region FROM sales.core.orders",
                "statement_response",
                Map.of(
                        "result",
                        Map.of(
                                "data_array",
                                List.of(
                                        Map.of("values", List.of(Map.of("string_value", "EU"))),
                                        Map.of("values", List.of(Map.of("string_value", "US")))))));
        Map<String, Object> answer = Map.of(
                "conversationId",
                "c",
                "status",
                "COMPLETED",
                "content",
                Map.of("textAttachments", List.of("EU and US."), "queryAttachments", List.of(two)));
        GenieAttachmentGuard.Guarded g =
                genie.guard(answer, verdict, new GuardLimits(1, 1000)).block();
        assertThat(g.anyWithheld()).isFalse();
        Map<?, ?> content = (Map<?, ?>) g.result().get("content");
        assertThat(content.get("textAttachments")).isEqualTo(List.of("EU and US."));
        Map<?, ?> a = (Map<?, ?>) ((List<?>) content.get("queryAttachments")).get(0);
        assertThat(a.get("truncated").toString()).contains("1 row(s)");
        assertThat(a.get("statement_response").toString()).contains("EU").doesNotContain("US");
        // the caller's tree is untouched
        assertThat(answer.toString()).contains("US");
    }

    @Test
    void answersWithoutSqlOrDataAreReturnedAsTheyAre() {
        Map<String, Object> pending = Map.of(
                "conversationId", "c", "status", "EXECUTING_QUERY", "content", Map.of("textAttachments", List.of()));
        assertThat(guard(pending).result()).isEqualTo(pending);
        assertThat(asked).isEmpty();
    }
}
