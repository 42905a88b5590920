package io.lakegate.connector.tools;

import io.lakegate.connector.resilience.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;

/**
 * Plugs {@link ProtectedToolCalls} into the {@link io.lakegate.connector.tools.ToolInvoker} pipeline as its outermost
 * interceptor, so the span and the audit event also cover calls refused further in (invalid arguments, unknown
 * workspace, scope checks).
 */
public class ProtectionToolInterceptor implements ToolInterceptor, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final ProtectedToolCalls protection;
    private final ToolErrorMapper errors;
    private final Map<String, ToolCall.Sharing> sharing;

    public ProtectionToolInterceptor(ProtectedToolCalls protection, ToolErrorMapper errors, List<LakegateTool> tools) {
        this.protection = protection;
        this.errors = errors;
        this.sharing = tools.stream().collect(Collectors.toUnmodifiableMap(LakegateTool::name,
                ProtectionToolInterceptor::sharing));
    }

    /** Only read-only calls are shared; a finished result only when a repeat of the call would read the same. */
    private static ToolCall.Sharing sharing(LakegateTool tool) {
        if (tool.annotations() == null || !Boolean.TRUE.equals(tool.annotations().readOnlyHint())) {
            return ToolCall.Sharing.NONE;
        }
        return tool.readsProgressingState() ? ToolCall.Sharing.IN_FLIGHT : ToolCall.Sharing.RESULT;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<CallToolResult> intercept(io.lakegate.connector.tools.ToolCall call, Next next) {
        ToolCall protectedCall = new ToolCall(
                call.caller() == null ? null : call.caller().subject(),
                call.caller() == null ? null : call.caller().clientId(),
                call.workspace() == null ? null : call.workspace().name(),
                call.toolName(), call.rawArguments(), sharing.getOrDefault(call.toolName(), ToolCall.Sharing.NONE),
                call.sessionId());
        return protection.invoke(protectedCall, () -> next.proceed(call), e -> errors.toResult(call.toolName(), e));
    }
}
