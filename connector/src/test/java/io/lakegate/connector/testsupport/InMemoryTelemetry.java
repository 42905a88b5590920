package io.lakegate.connector.testsupport;

import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/** An OpenTelemetry SDK on in-memory exporters, so tests can read the spans and metrics the code produced. */
public final class InMemoryTelemetry implements AutoCloseable {

    public final InMemorySpanExporter spans = InMemorySpanExporter.create();
    public final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    public final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    public final LakegateTelemetry telemetry = new LakegateTelemetry(sdk);

    /** Sum of a long counter's points (all attribute sets) whose attributes contain {@code key=value}, or all if null. */
    public long counter(String name, String key, String value) {
        return collect().stream()
                .filter(m -> m.getName().equals(name))
                .flatMap(m -> m.getData().getPoints().stream())
                .filter(p -> key == null
                        || value.equals(String.valueOf(p.getAttributes().asMap().entrySet().stream()
                                .filter(e -> e.getKey().getKey().equals(key))
                                .map(e -> e.getValue())
                                .findFirst()
                                .orElse(null))))
                .mapToLong(p -> ((LongPointData) p).getValue())
                .sum();
    }

    public List<MetricData> collect() {
        return List.copyOf(metrics.collectAllMetrics());
    }

    @Override
    public void close() {
        sdk.close();
    }
}
