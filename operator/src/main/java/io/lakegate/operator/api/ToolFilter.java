package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.enabled) && has(self.disabled))",
    message = "tools.enabled and tools.disabled are mutually exclusive: list either the tools to allow or the tools "
        + "to deny")
public class ToolFilter {
  @Size(max = 32)
  @JsonPropertyDescription("Only these tools are exposed.")
  private List<String> enabled;
  @Size(max = 32)
  @JsonPropertyDescription("All tools except these are exposed.")
  private List<String> disabled;

  public List<String> getEnabled() { return enabled; }
  public void setEnabled(List<String> enabled) { this.enabled = enabled; }
  public List<String> getDisabled() { return disabled; }
  public void setDisabled(List<String> disabled) { this.disabled = disabled; }
}
