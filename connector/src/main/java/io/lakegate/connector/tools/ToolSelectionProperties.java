package io.lakegate.connector.tools;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lakegate.tools.enabled} / {@code lakegate.tools.disabled}: which of the twelve tools this connector serves
 * (the operator renders {@code McpConnector.spec.tools} into them). At most one list may be set; an empty
 * {@code enabled} means all tools.
 */
@ConfigurationProperties("lakegate.tools")
public class ToolSelectionProperties {

    private List<String> enabled = new ArrayList<>();
    private List<String> disabled = new ArrayList<>();

    public List<String> getEnabled() {
        return enabled;
    }

    public void setEnabled(List<String> enabled) {
        this.enabled = enabled;
    }

    public List<String> getDisabled() {
        return disabled;
    }

    public void setDisabled(List<String> disabled) {
        this.disabled = disabled;
    }
}
