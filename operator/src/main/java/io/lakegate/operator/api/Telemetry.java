package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Telemetry {
    @Size(max = 512)
    @Pattern("^https?://\\S+$")
    @JsonPropertyDescription("OTLP (HTTP) endpoint for traces, e.g. http://otel-collector:4318.")
    private String otlpEndpoint;

    @Default("0.1")
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Fraction of traces sampled, 0 to 1.")
    private Double samplingRatio;

    public String getOtlpEndpoint() {
        return otlpEndpoint;
    }

    public void setOtlpEndpoint(String otlpEndpoint) {
        this.otlpEndpoint = otlpEndpoint;
    }

    public Double getSamplingRatio() {
        return samplingRatio;
    }

    public void setSamplingRatio(Double samplingRatio) {
        this.samplingRatio = samplingRatio;
    }
}
