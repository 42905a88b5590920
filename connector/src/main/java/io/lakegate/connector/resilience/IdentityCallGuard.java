package io.lakegate.connector.resilience;

import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import reactor.core.publisher.Mono;

/**
 * Every token exchange with the identity provider (Entra OBO, RFC 8693 federation) runs here: a CLIENT span
 * {@code token exchange} under the tool span, and a timeout, so a slow IdP is a clear error, never a hang. The
 * token itself never appears in the span.
 */
public class IdentityCallGuard {

    private final DownstreamProperties props;
    private final LakegateTelemetry telemetry;

    public IdentityCallGuard(DownstreamProperties props, LakegateTelemetry telemetry) {
        this.props = props;
        this.telemetry = telemetry;
    }

    public <T> Mono<T> tokenExchange(String workspace, String mode, Supplier<Mono<T>> exchange) {
        return Mono.deferContextual(reactorContext -> {
            Context parent = LakegateTelemetry.contextOf(reactorContext);
            Span span = telemetry.tracer().spanBuilder("token exchange").setParent(parent).setSpanKind(SpanKind.CLIENT)
                    .setAttribute(LakegateTelemetry.WORKSPACE, String.valueOf(workspace))
                    .setAttribute("lakegate.identity.mode", String.valueOf(mode))
                    .startSpan();
            return Mono.defer(exchange)
                    .timeout(props.getIdentityTimeout())
                    .onErrorMap(TimeoutException.class,
                            e -> new DownstreamTimeoutException("The identity provider", props.getIdentityTimeout()))
                    .doOnError(e -> {
                        span.setAttribute(LakegateTelemetry.ERROR_TYPE, e.getClass().getSimpleName());
                        span.setStatus(StatusCode.ERROR);
                    })
                    .doFinally(s -> span.end())
                    .contextWrite(c -> c.put(LakegateTelemetry.CONTEXT_KEY, parent.with(span)));
        });
    }
}
