package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!(has(self.enabled) && has(self.disabled))",
        message =
                "tools.enabled and tools.disabled are mutually exclusive: list either the tools to allow or the tools "
                        + "to deny")
public class ToolFilter {
    /** Checked at apply time: the connector refuses to start on an unknown name, which would be a crash loop. */
    static final String KNOWN_TOOLS = "self.all(t, t in ['list_genie_spaces', 'list_sql_warehouses', 'list_catalogs', "
            + "'list_schemas', 'list_tables', 'get_table', 'search_tables', 'list_genie_tools', 'proxy_to_genie', "
            + "'list_sql_tools', 'proxy_to_sql', 'proxy_to_genie_one'])";

    static final String KNOWN_TOOLS_MESSAGE = "each entry must be one of the connector's tools: list_genie_spaces, "
            + "list_sql_warehouses, list_catalogs, list_schemas, list_tables, get_table, search_tables, list_genie_tools, "
            + "proxy_to_genie, list_sql_tools, proxy_to_sql, proxy_to_genie_one";

    @Size(max = 12)
    @ValidationRule(value = KNOWN_TOOLS, message = KNOWN_TOOLS_MESSAGE)
    @JsonPropertyDescription("Only these tools are exposed.")
    private List<String> enabled;

    @Size(max = 12)
    @ValidationRule(value = KNOWN_TOOLS, message = KNOWN_TOOLS_MESSAGE)
    @JsonPropertyDescription("All tools except these are exposed.")
    private List<String> disabled;

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
