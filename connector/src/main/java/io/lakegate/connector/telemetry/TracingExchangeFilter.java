package io.lakegate.connector.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * A CLIENT span for every HTTP call to Databricks (REST and managed MCP), child of the tool span found in the Reactor
 * context, and the W3C {@code traceparent} header so Databricks-side logs join the same trace. Registered last in
 * the WebClient filter chain so every retry attempt is its own span.
 */
public class TracingExchangeFilter implements ExchangeFilterFunction {

    private final LakegateTelemetry telemetry;

    public TracingExchangeFilter(LakegateTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.deferContextual(reactorContext -> {
            Context parent = LakegateTelemetry.contextOf(reactorContext);
            String workspace = DownstreamTarget.workspaceOf(request, reactorContext);
            String method = request.method().name();
            Span span = telemetry
                    .tracer()
                    .spanBuilder(method)
                    .setParent(parent)
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(LakegateTelemetry.HTTP_METHOD, method)
                    .setAttribute("url.full", request.url().toString())
                    .setAttribute("server.address", String.valueOf(request.url().getHost()))
                    .setAttribute("server.port", (long) request.url().getPort())
                    .setAttribute(LakegateTelemetry.WORKSPACE, workspace)
                    .startSpan();
            Context withSpan = parent.with(span);
            ClientRequest traced = ClientRequest.from(request)
                    .headers(h -> telemetry.propagator().inject(withSpan, h, (c, k, v) -> c.set(k, v)))
                    .build();
            long start = System.nanoTime();
            AtomicInteger status = new AtomicInteger();
            return next.exchange(traced)
                    .doOnNext(response -> {
                        int code = response.statusCode().value();
                        status.set(code);
                        span.setAttribute(LakegateTelemetry.HTTP_STATUS, (long) code);
                        if (code >= 400) {
                            span.setAttribute(LakegateTelemetry.ERROR_TYPE, String.valueOf(code));
                            span.setStatus(StatusCode.ERROR);
                        }
                    })
                    .doOnError(e -> {
                        span.setAttribute(
                                LakegateTelemetry.ERROR_TYPE, e.getClass().getSimpleName());
                        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
                    })
                    .doFinally(signal -> {
                        if (signal == SignalType.CANCEL) {
                            span.setAttribute(LakegateTelemetry.ERROR_TYPE, "cancelled");
                        }
                        span.end();
                        telemetry.downstreamCall(workspace, method, status.get(), (System.nanoTime() - start) / 1e9);
                    });
        });
    }
}
