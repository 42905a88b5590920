package io.lakegate.emulator.mcp;

import io.lakegate.emulator.fault.Switches;
import io.lakegate.emulator.genie.GenieOne;
import io.lakegate.emulator.http.Json;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The Genie One server's tools at {@code /api/2.0/mcp/genie}: {@code genie_ask} (a question, optionally continuing a
 * {@code conversation_id}) returns at once with the response still in progress; {@code genie_poll_response} returns
 * the response as it stands until an end state (COMPLETED, FAILED, CANCELLED, QUERY_RESULT_EXPIRED).
 */
final class GenieOneMcpTools {

    private GenieOneMcpTools() {}

    static List<McpServerFeatures.AsyncToolSpecification> tools(GenieOne genieOne, Switches switches) {
        McpSchema.Tool ask = McpSchema.Tool.builder()
                .name("genie_ask")
                .description(
                        "Ask Genie a natural-language question about any data you can use in this workspace. Returns a "
                                + "conversation_id and response_id; poll with genie_poll_response until the status is COMPLETED or FAILED. "
                                + "Pass conversation_id to ask a follow-up in the same conversation.")
                .inputSchema(McpEndpoints.schema(
                        Map.of(
                                "question", McpEndpoints.string("The natural-language question to ask Genie."),
                                "conversation_id",
                                        McpEndpoints.string(
                                                "Continue this conversation instead of starting a new one.")),
                        List.of("question")))
                .annotations(
                        McpSchema.ToolAnnotations.builder().readOnlyHint(true).build())
                .build();
        McpSchema.Tool poll = McpSchema.Tool.builder()
                .name("genie_poll_response")
                .description(
                        "Get the response to a question asked with genie_ask. Repeat until the status is COMPLETED, FAILED, "
                                + "CANCELLED or QUERY_RESULT_EXPIRED.")
                .inputSchema(McpEndpoints.schema(
                        Map.of(
                                "conversation_id", McpEndpoints.string("conversation_id returned by genie_ask."),
                                "response_id", McpEndpoints.string("response_id returned by genie_ask.")),
                        List.of("conversation_id", "response_id")))
                .annotations(
                        McpSchema.ToolAnnotations.builder().readOnlyHint(true).build())
                .build();
        return List.of(
                McpServerFeatures.AsyncToolSpecification.builder()
                        .tool(ask)
                        .callHandler((exchange, req) -> Mono.defer(() -> {
                                    ToolArgs.onlyKnown(req, "question", "conversation_id");
                                    String question = ToolArgs.required(req, "question");
                                    String conversation = ToolArgs.optional(req, "conversation_id");
                                    return genieOne.ask(McpEndpoints.user(exchange), conversation, question)
                                            .map(r -> answer(r, switches));
                                })
                                .onErrorMap(GenieMcpTools::toMcp))
                        .build(),
                McpServerFeatures.AsyncToolSpecification.builder()
                        .tool(poll)
                        .callHandler((exchange, req) -> Mono.fromCallable(() -> {
                                    ToolArgs.onlyKnown(req, "conversation_id", "response_id");
                                    return answer(
                                            genieOne.poll(
                                                    McpEndpoints.user(exchange),
                                                    ToolArgs.required(req, "conversation_id"),
                                                    ToolArgs.required(req, "response_id")),
                                            switches);
                                })
                                .onErrorMap(GenieMcpTools::toMcp))
                        .build());
    }

    /** Structured (camelCase content plus the same JSON as text), or only text with snake_case content keys. */
    private static McpSchema.CallToolResult answer(Map<String, Object> result, Switches switches) {
        if (switches.genieMcpShape() == Switches.GenieMcpShape.TEXT_ONLY) {
            return McpSchema.CallToolResult.builder()
                    .addTextContent(Json.write(GenieOne.textShape(result)))
                    .isError(false)
                    .build();
        }
        return McpEndpoints.result(result, false);
    }
}
