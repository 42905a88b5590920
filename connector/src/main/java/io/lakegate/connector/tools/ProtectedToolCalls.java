package io.lakegate.connector.tools;

import io.lakegate.connector.resilience.RateLimits;
import io.lakegate.connector.resilience.ResilienceException;
import io.lakegate.connector.resilience.ToolCall;
import io.lakegate.connector.resilience.UserBulkheads;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import io.lakegate.connector.audit.ArgumentsDigest;
import io.lakegate.connector.audit.AuditEvent;
import io.lakegate.connector.audit.AuditTrail;
import io.lakegate.connector.dedup.DedupKey;
import io.lakegate.connector.dedup.ReadDeduplicator;
import io.lakegate.connector.telemetry.DownstreamTarget;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The cross-cutting stages every tool call passes through, in this order:
 * <ol>
 * <li>a tool span ({@code execute_tool <name>}, child of the MCP request span) and the audit event (exactly one per
 * call, whatever the outcome);</li>
 * <li>dedup of identical read-only calls by the same user (a shared or cached result costs no rate-limit permit and
 * no Databricks call);</li>
 * <li>the rate limits per workspace and per tool, then the per-user bulkhead;</li>
 * <li>the tool itself, with the workspace and span in the Reactor context so the WebClient filters find them.</li>
 * </ol>
 * A {@link ResilienceException} (rate limit, open circuit, timeout, throttling) becomes a tool result with
 * {@code isError=true}, the reason and {@code retry_after_seconds}; other errors go through the caller's error
 * mapper. Both happen outside the dedup stage, so a failure is never cached, and inside the audit stage, so the
 * audit event records the error code the client saw.
 */
public class ProtectedToolCalls {

    private final RateLimits rateLimits;
    private final UserBulkheads bulkheads;
    private final ReadDeduplicator dedup;
    private final AuditTrail audit;
    private final LakegateTelemetry telemetry;
    private final Clock clock;

    public ProtectedToolCalls(RateLimits rateLimits, UserBulkheads bulkheads, ReadDeduplicator dedup, AuditTrail audit,
            LakegateTelemetry telemetry, Clock clock) {
        this.rateLimits = rateLimits;
        this.bulkheads = bulkheads;
        this.dedup = dedup;
        this.audit = audit;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    public Mono<CallToolResult> invoke(ToolCall call, Supplier<Mono<CallToolResult>> tool,
            Function<Throwable, CallToolResult> errorMapper) {
        return Mono.deferContextual(reactorContext -> {
            Context parent = LakegateTelemetry.contextOf(reactorContext);
            Span span = telemetry.tracer().spanBuilder("execute_tool " + call.tool()).setParent(parent)
                    .setSpanKind(SpanKind.INTERNAL)
                    .setAttribute(LakegateTelemetry.GEN_AI_OPERATION, "execute_tool")
                    .setAttribute(LakegateTelemetry.TOOL_NAME, call.tool())
                    .startSpan();
            if (call.workspace() != null) {
                span.setAttribute(LakegateTelemetry.WORKSPACE, call.workspace());
            }
            if (call.sessionId() != null) {
                span.setAttribute(LakegateTelemetry.MCP_SESSION, call.sessionId());
            }
            Instant started = clock.instant();
            long startNanos = System.nanoTime();
            String digest = ArgumentsDigest.sha256(call.arguments());
            AtomicReference<CallToolResult> result = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean finished = new AtomicBoolean();

            Mono<CallToolResult> limited = bulkheads.limit(call.user(),
                    rateLimits.limitToolCall(call.workspace(), call.tool(), Mono.defer(tool)));
            Mono<CallToolResult> shared = call.sharing() == ToolCall.Sharing.NONE ? limited
                    : dedup.dedup(new DedupKey(call.user(), call.workspace(), call.tool(), digest), limited,
                            call.sharing() == ToolCall.Sharing.RESULT);
            Context withSpan = parent.with(span);
            return shared
                    .onErrorResume(e -> Mono.just(e instanceof ResilienceException r ? toolError(r) : errorMapper.apply(e)))
                    .doOnNext(result::set)
                    .doOnError(failure::set)
                    .doFinally(signal -> {
                        if (finished.compareAndSet(false, true)) {
                            finish(call, span, digest, started, startNanos, result.get(), failure.get(), signal);
                        }
                    })
                    .contextWrite(c -> {
                        c = c.put(LakegateTelemetry.CONTEXT_KEY, withSpan);
                        return call.workspace() == null ? c : c.put(DownstreamTarget.WORKSPACE_KEY, call.workspace());
                    });
        });
    }

    private void finish(ToolCall call, Span span, String digest, Instant started, long startNanos,
            CallToolResult result, Throwable failure, SignalType signal) {
        String outcome;
        String errorCode = null;
        if (signal == SignalType.CANCEL) {
            outcome = "cancelled";
        } else if (failure != null) {
            outcome = "error";
            errorCode = failure.getClass().getSimpleName();
        } else if (result != null && Boolean.TRUE.equals(result.isError())) {
            errorCode = errorCodeOf(result);
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
        telemetry.toolCall(call.tool(), outcome, latencyMillis / 1000.0);
        audit.record(AuditEvent.of(started, call.user(), call.clientId(), call.workspace(), call.tool(), digest,
                outcome, errorCode, latencyMillis, traceId, call.sessionId()));
    }

    /** The {@code error.code} of an error result (the shape shared with the tools' own errors). */
    private static String errorCodeOf(CallToolResult result) {
        if (result.structuredContent() instanceof Map<?, ?> map && map.get("error") instanceof Map<?, ?> error
                && error.get("code") instanceof String code) {
            return code;
        }
        return "UNKNOWN";
    }

    /**
     * The tool-layer form of a refusal, in the shape of every Lakegate tool error: text {@code "CODE: message"} for
     * the model, {@code {"error": {"code", "message", "retry_after_seconds"}}} for programs.
     */
    public static CallToolResult toolError(ResilienceException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", e.code());
        details.put("message", e.getMessage());
        e.retryAfter().ifPresent(d -> details.put("retry_after_seconds", e.retryAfterSeconds()));
        return CallToolResult.builder().content(List.of(new TextContent(e.code() + ": " + e.getMessage())))
                .isError(true).structuredContent(Map.of("error", details)).build();
    }
}
