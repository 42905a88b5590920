package io.lakegate.connector.telemetry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lakegate.telemetry.*}: OpenTelemetry traces and metrics, exported over OTLP when an endpoint is set. */
@ConfigurationProperties("lakegate.telemetry")
public class TelemetryProperties {

    private String serviceName = "lakegate-connector";
    /** Fraction of new traces sampled (a sampled parent from the client is always followed). */
    private double samplingRatio = 1.0;

    private final Otlp otlp = new Otlp();

    public static class Otlp {
        /** OTLP collector URL, e.g. {@code http://otel-collector:4318}; unset = nothing exported. */
        private String endpoint;
        /** {@code http/protobuf} (port 4318) or {@code grpc} (port 4317). */
        private String protocol = "http/protobuf";
        /** Extra headers, e.g. an API key of a hosted collector. */
        private Map<String, String> headers = new LinkedHashMap<>();

        private Duration timeout = Duration.ofSeconds(10);
        private Duration metricInterval = Duration.ofSeconds(60);

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getProtocol() {
            return protocol;
        }

        public void setProtocol(String protocol) {
            this.protocol = protocol;
        }

        public Map<String, String> getHeaders() {
            return headers;
        }

        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getMetricInterval() {
            return metricInterval;
        }

        public void setMetricInterval(Duration metricInterval) {
            this.metricInterval = metricInterval;
        }
    }

    public String getServiceName() {
        return serviceName;
    }

    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    public double getSamplingRatio() {
        return samplingRatio;
    }

    public void setSamplingRatio(double samplingRatio) {
        this.samplingRatio = samplingRatio;
    }

    public Otlp getOtlp() {
        return otlp;
    }
}
