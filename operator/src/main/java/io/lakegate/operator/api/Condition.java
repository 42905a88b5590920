package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/**
 * A metav1.Condition. The generator cannot express the list-map keying or the status enum; the CRD post-processor adds
 * them (see {@link io.lakegate.operator.crd.CrdPostProcessor}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    @Required
    @Size(max = 64)
    @JsonPropertyDescription("Condition type in PascalCase, e.g. Ready.")
    private String type;

    @Required
    @JsonPropertyDescription("True, False or Unknown.")
    private String status;

    @Required
    @Size(max = 128)
    @JsonPropertyDescription("Machine-readable CamelCase reason for the last transition.")
    private String reason;

    @Size(max = 1024)
    @JsonPropertyDescription("Human-readable detail; never contains secret values.")
    private String message;

    @JsonPropertyDescription("RFC 3339 time the status last changed.")
    private String lastTransitionTime;

    @JsonPropertyDescription("metadata.generation the condition was computed from.")
    private Long observedGeneration;

    public Condition() {}

    public Condition(String type, String status, String reason, String message, Long observedGeneration) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.observedGeneration = observedGeneration;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c
                && Objects.equals(type, c.type)
                && Objects.equals(status, c.status)
                && Objects.equals(reason, c.reason)
                && Objects.equals(message, c.message)
                && Objects.equals(lastTransitionTime, c.lastTransitionTime)
                && Objects.equals(observedGeneration, c.observedGeneration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, lastTransitionTime, observedGeneration);
    }

    @Override
    public String toString() {
        return type + "=" + status + " (" + reason + ")";
    }
}
