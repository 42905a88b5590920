package io.lakegate.connector.tools;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import reactor.core.publisher.Mono;

/**
 * A cross-cutting step around every tool call (scope check, rate limit, dedup, tracing span, audit event). Declare an
 * implementation as a Spring bean; {@link ToolInvoker} chains all of them in {@link org.springframework.core.Ordered}
 * order (lowest first = outermost) around the tool.
 *
 * <p>An interceptor sees failures as error signals ({@link ToolException},
 * {@link io.lakegate.connector.databricks.DatabricksApiException}, ...) and may return its own result or error; the
 * invoker turns whatever comes out of the chain into the MCP result ({@code isError: true} for errors). It also sees
 * calls that fail before reaching the tool (invalid arguments, unknown workspace): then {@link ToolCall#workspace()}
 * is null and calling {@code next} yields that failure.
 */
public interface ToolInterceptor {

    Mono<CallToolResult> intercept(ToolCall call, Next next);

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        Mono<CallToolResult> proceed(ToolCall call);
    }
}
