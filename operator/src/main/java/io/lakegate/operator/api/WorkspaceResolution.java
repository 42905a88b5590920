package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** How one selected workspace reference resolved; reason is CamelCase, message never holds secret values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkspaceResolution {
    private String name;

    @JsonPropertyDescription("True when the workspace and every Secret it needs were found.")
    private Boolean resolved;

    private String reason;
    private String message;

    public WorkspaceResolution() {}

    public WorkspaceResolution(String name, boolean resolved, String reason, String message) {
        this.name = name;
        this.resolved = resolved;
        this.reason = reason;
        this.message = message;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Boolean getResolved() {
        return resolved;
    }

    public void setResolved(Boolean resolved) {
        this.resolved = resolved;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkspaceResolution w
                && Objects.equals(name, w.name)
                && Objects.equals(resolved, w.resolved)
                && Objects.equals(reason, w.reason)
                && Objects.equals(message, w.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, resolved, reason, message);
    }
}
