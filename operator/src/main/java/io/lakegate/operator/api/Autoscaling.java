package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** CPU-based HorizontalPodAutoscaler; when set it owns the replica count. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self.minReplicas <= self.maxReplicas",
        message = "autoscaling.minReplicas must not exceed autoscaling.maxReplicas")
public class Autoscaling {
    @Required
    @Min(1)
    @Max(100)
    private Integer minReplicas;

    @Required
    @Min(1)
    @Max(100)
    private Integer maxReplicas;

    @Default("75")
    @Min(10)
    @Max(100)
    @JsonPropertyDescription("Target average CPU utilisation in percent of requests.")
    private Integer targetCpuUtilizationPercentage;

    public Integer getMinReplicas() {
        return minReplicas;
    }

    public void setMinReplicas(Integer minReplicas) {
        this.minReplicas = minReplicas;
    }

    public Integer getMaxReplicas() {
        return maxReplicas;
    }

    public void setMaxReplicas(Integer maxReplicas) {
        this.maxReplicas = maxReplicas;
    }

    public Integer getTargetCpuUtilizationPercentage() {
        return targetCpuUtilizationPercentage == null ? 75 : targetCpuUtilizationPercentage;
    }

    public void setTargetCpuUtilizationPercentage(Integer v) {
        this.targetCpuUtilizationPercentage = v;
    }
}
