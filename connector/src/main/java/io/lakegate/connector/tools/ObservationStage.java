package io.lakegate.connector.tools;

import io.lakegate.connector.audit.AuditEvent;
import io.lakegate.connector.audit.AuditTrail;
import io.lakegate.connector.telemetry.DownstreamTarget;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.Ordered;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The outermost stage: a tool span ({@code execute_tool <name>}, child of the MCP request span) and exactly one audit
 * event per call, whatever the outcome. It maps failures to results itself (through the one {@link ToolErrorMapper})
 * so the audit event records the error code the client saw, and it is outermost so that calls refused further in
 * (invalid arguments, unknown workspace, limits) are observed too. The span and the workspace go into the Reactor
 * context so the downstream WebClient filters find them.
 */
public class ObservationStage implements ToolInterceptor, Ordered {

    private final AuditTrail audit;
    private final LakegateTelemetry telemetry;
    private final ToolErrorMapper errors;
    private final Clock clock;

    public ObservationStage(AuditTrail audit, LakegateTelemetry telemetry, ToolErrorMapper errors, Clock clock) {
        this.audit = audit;
        this.telemetry = telemetry;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return ToolStages.OBSERVATION;
    }

    @Override
    public Mono<CallToolResult> intercept(ToolCall call, Next next) {
        return Mono.deferContextual(reactorContext -> {
            Context parent = LakegateTelemetry.contextOf(reactorContext);
            String workspace = call.workspaceName();
            Span span = telemetry
                    .tracer()
                    .spanBuilder("execute_tool " + call.toolName())
                    .setParent(parent)
                    .setSpanKind(SpanKind.INTERNAL)
                    .setAttribute(LakegateTelemetry.GEN_AI_OPERATION, "execute_tool")
                    .setAttribute(LakegateTelemetry.TOOL_NAME, call.toolName())
                    .startSpan();
            if (workspace != null) {
                span.setAttribute(LakegateTelemetry.WORKSPACE, workspace);
            }
            if (call.sessionId() != null) {
                span.setAttribute(LakegateTelemetry.MCP_SESSION, call.sessionId());
            }
            Instant started = clock.instant();
            long startNanos = System.nanoTime();
            AtomicReference<CallToolResult> result = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean finished = new AtomicBoolean();
            Context withSpan = parent.with(span);
            return next.proceed(call)
                    .onErrorResume(e -> Mono.just(errors.toResult(call.toolName(), e)))
                    .doOnNext(result::set)
                    .doOnError(failure::set)
                    .doFinally(signal -> {
                        if (finished.compareAndSet(false, true)) {
                            finish(call, span, started, startNanos, result.get(), failure.get(), signal);
                        }
                    })
                    .contextWrite(c -> {
                        c = c.put(LakegateTelemetry.CONTEXT_KEY, withSpan);
                        return workspace == null ? c : c.put(DownstreamTarget.WORKSPACE_KEY, workspace);
                    });
        });
    }

    private void finish(
            ToolCall call,
            Span span,
            Instant started,
            long startNanos,
            CallToolResult result,
            Throwable failure,
            SignalType signal) {
        String outcome;
        String errorCode = null;
        if (signal == SignalType.CANCEL) {
            outcome = "cancelled";
        } else if (failure != null) {
            outcome = "error";
            errorCode = failure.getClass().getSimpleName();
        } else if (result != null && Boolean.TRUE.equals(result.isError())) {
            errorCode = ToolResults.errorCode(result);
            outcome = switch (errorCode) {
                case "RATE_LIMITED" -> "rate_limited";
                case "UPSTREAM_ERROR", "UNAVAILABLE" -> "unavailable";
                default -> "tool_error";
            };
        } else {
            outcome = "success";
        }
        long latencyMillis = (System.nanoTime() - startNanos) / 1_000_000;
        span.setAttribute(LakegateTelemetry.OUTCOME, outcome);
        if (!"success".equals(outcome)) {
            span.setAttribute(LakegateTelemetry.ERROR_TYPE, errorCode == null ? outcome : errorCode);
            span.setStatus(StatusCode.ERROR);
        }
        String traceId = span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
        span.end();
        telemetry.toolCall(call.toolName(), outcome, latencyMillis / 1000.0);
        audit.record(AuditEvent.of(
                started,
                call.user(),
                call.clientId(),
                call.workspaceName(),
                call.toolName(),
                call.arguments().digest(),
                outcome,
                errorCode,
                latencyMillis,
                traceId,
                call.sessionId()));
    }
}
