package io.lakegate.connector.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where an upstream answer is read from: text-only servers put the JSON in content[].text. */
class GuardedProxyResultsTest {

    @Test
    void theAnswerIsReadFromStructuredContentOrFromJsonText() {
        Map<String, Object> structured = Map.of("conversationId", "c1");
        CallToolResult both = CallToolResult.builder()
                .content(List.of(new TextContent("{\"ignored\":true}")))
                .structuredContent(structured)
                .build();
        assertThat(GuardedProxyResults.answerTree(both)).contains(structured);

        CallToolResult textOnly = CallToolResult.builder()
                .content(List.of(
                        new TextContent("Genie says:"),
                        new TextContent("  {\"conversation_id\":\"c2\",\"content\":{\"query_attachments\":[]}}")))
                .build();
        assertThat(GuardedProxyResults.answerTree(textOnly))
                .hasValueSatisfying(tree -> assertThat(tree).containsEntry("conversation_id", "c2"));

        CallToolResult plain = CallToolResult.builder()
                .content(List.of(new TextContent("There are 60 orders."), new TextContent("{not json")))
                .build();
        assertThat(GuardedProxyResults.answerTree(plain)).isEmpty();
    }
}
