package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Which Unity Catalog tag marks sensitive (SCI) assets that the connector must hide. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SciPolicy {
  public static final String DEFAULT_TAG_KEY = "classification";
  public static final List<String> DEFAULT_TAG_VALUES = List.of("SCI");

  @Default(DEFAULT_TAG_KEY) @Size(min = 1, max = 255)
  @JsonPropertyDescription("Unity Catalog tag key that marks SCI assets.")
  private String tagKey;
  @Size(max = 32)
  @JsonPropertyDescription("Tag values that mark SCI; an empty list means the key alone marks SCI.")
  private List<String> tagValues;

  public String getTagKey() { return tagKey; }
  public void setTagKey(String tagKey) { this.tagKey = tagKey; }
  public List<String> getTagValues() { return tagValues; }
  public void setTagValues(List<String> tagValues) { this.tagValues = tagValues; }
}
