package io.lakegate.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** proxy_to_genie_one against the emulator's Genie One server, with the default classification=SCI policy. */
class GenieOneIT extends ConnectorIntegrationTest {

    static final List<String> END_STATES = List.of("COMPLETED", "FAILED", "CANCELLED", "QUERY_RESULT_EXPIRED");
    static final String PEOPLE_SPACE = "01f0c3d4e5f6a7b8c9d0e1f2a3b4c5d6";

    JsonNode ask(String user, String question, String conversation) {
        Map<String, Object> args = conversation == null
                ? Map.of("question", question)
                : Map.of("question", question, "conversation_id", conversation);
        return ok(user, "proxy_to_genie_one", Map.of("tool_name", "genie_ask", "tool_args", args));
    }

    /** Polls through the connector (bounded) until Genie One reaches an end state. */
    JsonNode pollToEnd(String user, JsonNode asked) throws InterruptedException {
        JsonNode last = asked;
        for (int i = 0; i < 100 && !END_STATES.contains(last.path("status").asString()); i++) {
            Thread.sleep(50);
            last = ok(
                    user,
                    "proxy_to_genie_one",
                    Map.of(
                            "tool_name",
                            "genie_poll_response",
                            "tool_args",
                            Map.of(
                                    "conversation_id",
                                            asked.path("conversation_id").asString(),
                                    "response_id", asked.path("response_id").asString())));
        }
        return last;
    }

    @Test
    void aliceAsksAndFollowsUpInOneConversation() throws Exception {
        JsonNode asked = ask(ALICE, "How many orders are there?", null);
        String conversation = asked.path("conversation_id").asString();
        assertThat(conversation).isNotBlank();
        JsonNode done = pollToEnd(ALICE, asked);
        assertThat(done.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.at("/content/textAttachments/0").asString()).contains("60 orders");
        assertThat(done.at("/content/queryAttachments/0/query").asString()).contains("sales.orders.orders");

        JsonNode followUp = ask(ALICE, "What was the profit per month?", conversation);
        assertThat(followUp.path("conversation_id").asString()).isEqualTo(conversation);
        JsonNode second = pollToEnd(ALICE, followUp);
        assertThat(second.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(second.at("/content/queryAttachments/0/query").asString()).contains("finance.reporting.monthly_pnl");
    }

    @Test
    void answersReadingSciDataAreWithheldWithTheReason() throws Exception {
        clearRecordedResponses();
        for (String question :
                List.of("What are the customers' email addresses?", "Which customers have a birthday this month?")) {
            JsonNode done = pollToEnd(ALICE, ask(ALICE, question, null));
            assertThat(done.path("status").asString()).as(question).isEqualTo("COMPLETED");
            JsonNode attachment = done.at("/content/queryAttachments/0");
            assertThat(attachment.path("withheld").asString()).as(question).isNotBlank();
            assertThat(attachment.has("query")).isFalse();
            assertThat(attachment.has("statement_response")).isFalse();
            assertThat(done.at("/content/textAttachments/0").asString()).startsWith("Lakegate withheld");
        }
        assertThat(String.join("\n", recordedResponses())).doesNotContain("@example.");
    }

    @Test
    void noSciValueEverLeavesThroughGenieOne() throws Exception {
        clearRecordedResponses();
        for (String question : List.of(
                "What are the customers' email addresses?",
                "Which customers have a birthday this month?",
                "What is the headcount per department?")) {
            pollToEnd(ALICE, ask(ALICE, question, null));
        }
        String said = String.join("\n", recordedResponses());
        for (String sci : emulator().sciValues()) {
            assertThat(said).as("SCI value").doesNotContain(sci);
        }
        // the SCI-tagged People Analytics space is never the source of an answer
        assertThat(said).doesNotContain(PEOPLE_SPACE).doesNotContain("hr.people");
    }

    @Test
    void textOnlyAnswersAreLiftedAndGuardedTheSameWay() throws Exception {
        emulator().switches().genieMcpShape(io.lakegate.emulator.fault.Switches.GenieMcpShape.TEXT_ONLY);
        try {
            clearRecordedResponses();
            JsonNode done = pollToEnd(ALICE, ask(ALICE, "What are the customers' email addresses?", null));
            assertThat(done.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(done.at("/content/queryAttachments/0/withheld").asString())
                    .isNotBlank();
            String said = String.join("\n", recordedResponses());
            assertThat(said).doesNotContain("@");
            JsonNode orders = pollToEnd(ALICE, ask(ALICE, "How many orders are there?", null));
            assertThat(orders.at("/content/textAttachments/0").asString()).contains("60 orders");
        } finally {
            emulator().switches().reset();
        }
    }

    @Test
    void badCallsAreTypedErrors() {
        assertThat(error(ALICE, "proxy_to_genie_one", Map.of("tool_name", "genie_ask", "tool_args", Map.of())))
                .startsWith("INVALID_ARGUMENT:")
                .contains("question");
        assertThat(error(
                        ALICE,
                        "proxy_to_genie_one",
                        Map.of(
                                "tool_name",
                                "genie_poll_response",
                                "tool_args",
                                Map.of("conversation_id", "nope", "response_id", "nope"))))
                .startsWith("UPSTREAM_ERROR:")
                .contains("does not exist")
                .doesNotContain("\tat ");
    }

    @Test
    void aWorkspaceWithoutGenieOneAnswersNotFound() {
        emulator().switches().genieOneDisabled(true);
        try {
            // a user whose tool list is not cached yet, so the connector really meets the missing endpoint
            assertThat(error(
                            CAROL,
                            "proxy_to_genie_one",
                            Map.of(
                                    "tool_name",
                                    "genie_ask",
                                    "tool_args",
                                    Map.of("question", "How many orders are there?"))))
                    .startsWith("NOT_FOUND:")
                    .contains("Genie One")
                    .contains("proxy_to_genie");
        } finally {
            emulator().switches().reset();
        }
    }
}
