package io.lakegate.emulator.mcp;

import io.lakegate.emulator.fault.Switches;
import io.lakegate.emulator.genie.GenieJson;
import io.lakegate.emulator.genie.GenieService;
import io.lakegate.emulator.seed.Seed;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The Genie space server's two tools, named after the space as Databricks names them: {@code query_space_{id}} asks a
 * question (new conversation unless conversation_id is given) and returns at once with the message still in progress;
 * {@code poll_response_{id}} advances and returns it until COMPLETED or FAILED.
 */
final class GenieMcpTools {

    private GenieMcpTools() {}

    static List<McpServerFeatures.AsyncToolSpecification> forSpace(
            Seed.GenieSpace space, GenieService genie, Switches switches) {
        String id = space.spaceId();
        McpSchema.Tool query = McpSchema.Tool.builder()
                .name("query_space_" + id)
                .description(
                        "Query the Genie space '" + space.title() + "': " + space.description()
                                + ". Ask a natural-language question about the data; returns a conversation_id and message_id to poll.")
                .inputSchema(McpEndpoints.schema(
                        Map.of(
                                "query", McpEndpoints.string("The natural-language question to ask Genie."),
                                "conversation_id",
                                        McpEndpoints.string(
                                                "Continue this conversation instead of starting a new one.")),
                        List.of("query")))
                .annotations(
                        McpSchema.ToolAnnotations.builder().readOnlyHint(true).build())
                .build();
        McpSchema.Tool poll = McpSchema.Tool.builder()
                .name("poll_response_" + id)
                .description("Poll the Genie space '" + space.title()
                        + "' for the response to a question asked with query_space_" + id
                        + ". Repeat until status is COMPLETED or FAILED.")
                .inputSchema(McpEndpoints.schema(
                        Map.of(
                                "conversation_id", McpEndpoints.string("conversationId returned by query_space."),
                                "message_id", McpEndpoints.string("messageId returned by query_space.")),
                        List.of("conversation_id", "message_id")))
                .annotations(
                        McpSchema.ToolAnnotations.builder().readOnlyHint(true).build())
                .build();
        return List.of(
                McpServerFeatures.AsyncToolSpecification.builder()
                        .tool(query)
                        .callHandler((exchange, req) -> Mono.defer(() -> {
                                    ToolArgs.onlyKnown(req, "query", "conversation_id");
                                    String question = ToolArgs.required(req, "query");
                                    String conversation = ToolArgs.optional(req, "conversation_id");
                                    return genie.ask(McpEndpoints.user(exchange), id, conversation, question)
                                            .map(m -> answer(m, switches));
                                })
                                .onErrorMap(GenieMcpTools::toMcp))
                        .build(),
                McpServerFeatures.AsyncToolSpecification.builder()
                        .tool(poll)
                        .callHandler((exchange, req) -> Mono.fromCallable(() -> {
                                    ToolArgs.onlyKnown(req, "conversation_id", "message_id");
                                    var m = genie.poll(
                                            McpEndpoints.user(exchange),
                                            id,
                                            ToolArgs.required(req, "conversation_id"),
                                            ToolArgs.required(req, "message_id"));
                                    return answer(m, switches);
                                })
                                .onErrorMap(GenieMcpTools::toMcp))
                        .build());
    }

    /** The message in the shape this instance is switched to (see {@link Switches.GenieMcpShape}). */
    private static McpSchema.CallToolResult answer(io.lakegate.emulator.genie.GenieMessage m, Switches switches) {
        if (switches.genieMcpShape() == Switches.GenieMcpShape.TEXT_ONLY) {
            return McpSchema.CallToolResult.builder()
                    .addTextContent(io.lakegate.emulator.http.Json.write(GenieJson.mcpTextResult(m)))
                    .isError(false)
                    .build();
        }
        return McpEndpoints.result(GenieJson.mcpResult(m), false);
    }

    /** REST-style errors (unknown conversation, ...) become BAD_REQUEST JSON-RPC errors, as the real server answers. */
    static Throwable toMcp(Throwable e) {
        if (e instanceof io.lakegate.emulator.http.ApiException api) {
            return ToolArgs.badRequest(api.getMessage());
        }
        return e;
    }
}
