package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One tag that marks SCI: a key, and the values that do (none listed: any value, or the key alone). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SciRule {
    @Required
    @Size(min = 1, max = 255)
    @Pattern("^[^\\s].*[^\\s]$|^[^\\s]$")
    @JsonPropertyDescription("Tag key, e.g. classification, or a system tag of automatic data classification such as "
            + "class.email_address. Case-insensitive.")
    private String tagKey;

    @Size(max = 64)
    @JsonPropertyDescription("Values that mark SCI, compared exactly; absent or empty: any value.")
    private List<String> tagValues;

    public static SciRule of(String tagKey, List<String> tagValues) {
        SciRule rule = new SciRule();
        rule.setTagKey(tagKey);
        rule.setTagValues(List.copyOf(tagValues));
        return rule;
    }

    public String getTagKey() {
        return tagKey;
    }

    public void setTagKey(String tagKey) {
        this.tagKey = tagKey;
    }

    public List<String> getTagValues() {
        return tagValues;
    }

    public void setTagValues(List<String> tagValues) {
        this.tagValues = tagValues;
    }
}
