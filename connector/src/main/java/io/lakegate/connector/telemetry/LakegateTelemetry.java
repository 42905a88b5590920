package io.lakegate.connector.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;
import java.util.function.Consumer;
import reactor.util.context.ContextView;

/**
 * Lakegate's tracer, meter and instruments in one place. The current OpenTelemetry {@link Context} travels in the
 * Reactor context under {@link #CONTEXT_KEY} (thread locals do not follow reactive code across threads).
 */
public class LakegateTelemetry {

    public static final String CONTEXT_KEY = "lakegate.otel.context";
    public static final String INSTRUMENTATION = "io.lakegate.connector";

    public static final AttributeKey<String> MCP_METHOD = AttributeKey.stringKey("mcp.method.name");
    public static final AttributeKey<String> MCP_SESSION = AttributeKey.stringKey("mcp.session.id");
    public static final AttributeKey<String> MCP_PROTOCOL_VERSION = AttributeKey.stringKey("mcp.protocol.version");
    public static final AttributeKey<String> JSONRPC_ID = AttributeKey.stringKey("jsonrpc.request.id");
    public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> GEN_AI_OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    public static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    public static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    public static final AttributeKey<String> WORKSPACE = AttributeKey.stringKey("lakegate.workspace");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("lakegate.outcome");
    public static final AttributeKey<String> SCOPE = AttributeKey.stringKey("lakegate.ratelimit.scope");
    public static final AttributeKey<String> RESULT = AttributeKey.stringKey("lakegate.dedup.result");
    public static final AttributeKey<String> STATE = AttributeKey.stringKey("lakegate.breaker.state");

    private static final List<Double> SECONDS_BUCKETS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0);

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final Meter meter;
    private final LongCounter mcpRequests;
    private final DoubleHistogram mcpDuration;
    private final LongCounter toolCalls;
    private final DoubleHistogram toolDuration;
    private final LongCounter rateLimitRejections;
    private final LongCounter dedupLookups;
    private final LongCounter downstreamCalls;
    private final DoubleHistogram downstreamDuration;
    private final LongCounter breakerTransitions;

    public LakegateTelemetry(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.meter = openTelemetry.getMeter(INSTRUMENTATION);
        mcpRequests = meter.counterBuilder("lakegate.mcp.requests")
                .setDescription("MCP HTTP requests")
                .build();
        mcpDuration = meter.histogramBuilder("mcp.server.operation.duration")
                .setUnit("s")
                .setDescription("MCP request duration")
                .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS)
                .build();
        toolCalls = meter.counterBuilder("lakegate.tool.calls")
                .setDescription("Tool calls by outcome")
                .build();
        toolDuration = meter.histogramBuilder("lakegate.tool.duration")
                .setUnit("s")
                .setDescription("Tool call duration")
                .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS)
                .build();
        rateLimitRejections = meter.counterBuilder("lakegate.ratelimit.rejections")
                .setDescription("Calls refused by a rate limit")
                .build();
        dedupLookups = meter.counterBuilder("lakegate.dedup.lookups")
                .setDescription("Read-only tool calls by dedup result (hit, shared, miss)")
                .build();
        downstreamCalls = meter.counterBuilder("lakegate.downstream.requests")
                .setDescription("HTTP calls to Databricks")
                .build();
        downstreamDuration = meter.histogramBuilder("http.client.request.duration")
                .setUnit("s")
                .setDescription("Duration of HTTP calls to Databricks")
                .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS)
                .build();
        breakerTransitions = meter.counterBuilder("lakegate.breaker.transitions")
                .setDescription("Circuit breaker state transitions")
                .build();
    }

    public Tracer tracer() {
        return tracer;
    }

    public Meter meter() {
        return meter;
    }

    public TextMapPropagator propagator() {
        return openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** The OpenTelemetry context carried by a Reactor context, else the thread's current one. */
    public static Context contextOf(ContextView reactorContext) {
        return reactorContext.<Context>getOrEmpty(CONTEXT_KEY).orElseGet(Context::current);
    }

    public void mcpRequest(String method, int status, double seconds) {
        Attributes a = Attributes.of(MCP_METHOD, method, HTTP_STATUS, (long) status);
        mcpRequests.add(1, a);
        mcpDuration.record(seconds, a);
    }

    public void toolCall(String tool, String outcome, double seconds) {
        Attributes a = Attributes.of(TOOL_NAME, tool, OUTCOME, outcome);
        toolCalls.add(1, a);
        toolDuration.record(seconds, a);
    }

    public void rateLimitRejected(String scope) {
        rateLimitRejections.add(1, Attributes.of(SCOPE, scope));
    }

    public void dedupLookup(String result) {
        dedupLookups.add(1, Attributes.of(RESULT, result));
    }

    public void downstreamCall(String workspace, String method, int status, double seconds) {
        Attributes a = Attributes.of(WORKSPACE, workspace, HTTP_METHOD, method, HTTP_STATUS, (long) status);
        downstreamCalls.add(1, a);
        downstreamDuration.record(seconds, a);
    }

    public void breakerTransition(String workspace, String toState) {
        breakerTransitions.add(1, Attributes.of(WORKSPACE, workspace, STATE, toState));
    }

    /** Registers an observable gauge; the callback is read at every metric collection. */
    public void gauge(String name, String description, Consumer<ObservableLongMeasurement> callback) {
        meter.gaugeBuilder(name).setDescription(description).ofLongs().buildWithCallback(callback);
    }

    /** Registers a counter whose value is owned elsewhere (e.g. an AtomicLong). */
    public void observableCounter(String name, String description, Consumer<ObservableLongMeasurement> callback) {
        meter.counterBuilder(name).setDescription(description).buildWithCallback(callback);
    }
}
