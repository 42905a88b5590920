package io.lakegate.connector.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenTelemetry SDK of the connector. Without {@code lakegate.telemetry.otlp.endpoint} spans and metrics are
 * still produced (they feed logs' trace ids and the audit trail) but not exported. Tests replace the bean with an
 * SDK on in-memory exporters.
 */
@Configuration(proxyBeanMethods = false)
public class TelemetryConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(OpenTelemetry.class)
    OpenTelemetrySdk openTelemetry(TelemetryProperties props) {
        Resource resource = Resource.getDefault()
                .merge(Resource.create(Attributes.builder()
                        .put("service.name", props.getServiceName())
                        .build()));
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(props.getSamplingRatio())));
        SdkMeterProviderBuilder metrics = SdkMeterProvider.builder().setResource(resource);
        TelemetryProperties.Otlp otlp = props.getOtlp();
        if (otlp.getEndpoint() != null && !otlp.getEndpoint().isBlank()) {
            tracing.addSpanProcessor(
                    BatchSpanProcessor.builder(spanExporter(otlp)).build());
            metrics.registerMetricReader(PeriodicMetricReader.builder(metricExporter(otlp))
                    .setInterval(otlp.getMetricInterval())
                    .build());
        }
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracing.build())
                .setMeterProvider(metrics.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    @Bean
    LakegateTelemetry lakegateTelemetry(OpenTelemetry openTelemetry) {
        return new LakegateTelemetry(openTelemetry);
    }

    /** Register last on every WebClient that talks to Databricks, after the resilience filter. */
    @Bean
    TracingExchangeFilter tracingExchangeFilter(LakegateTelemetry telemetry) {
        return new TracingExchangeFilter(telemetry);
    }

    private static boolean grpc(TelemetryProperties.Otlp otlp) {
        return "grpc".equalsIgnoreCase(otlp.getProtocol());
    }

    private static SpanExporter spanExporter(TelemetryProperties.Otlp otlp) {
        Map<String, String> headers = otlp.getHeaders();
        if (grpc(otlp)) {
            OtlpGrpcSpanExporterBuilder b = OtlpGrpcSpanExporter.builder()
                    .setEndpoint(otlp.getEndpoint())
                    .setTimeout(otlp.getTimeout());
            headers.forEach(b::addHeader);
            return b.build();
        }
        OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder()
                .setEndpoint(trimSlash(otlp.getEndpoint()) + "/v1/traces")
                .setTimeout(otlp.getTimeout());
        headers.forEach(b::addHeader);
        return b.build();
    }

    private static MetricExporter metricExporter(TelemetryProperties.Otlp otlp) {
        Map<String, String> headers = otlp.getHeaders();
        if (grpc(otlp)) {
            OtlpGrpcMetricExporterBuilder b = OtlpGrpcMetricExporter.builder()
                    .setEndpoint(otlp.getEndpoint())
                    .setTimeout(otlp.getTimeout());
            headers.forEach(b::addHeader);
            return b.build();
        }
        OtlpHttpMetricExporterBuilder b = OtlpHttpMetricExporter.builder()
                .setEndpoint(trimSlash(otlp.getEndpoint()) + "/v1/metrics")
                .setTimeout(otlp.getTimeout());
        headers.forEach(b::addHeader);
        return b.build();
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
