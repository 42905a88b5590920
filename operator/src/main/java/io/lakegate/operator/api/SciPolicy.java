package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Which tags mark Strictly Confidential (SCI) assets that the connector must hide: any rule that matches. Tags come from
 * Unity Catalog (governed tags included) and from automatic data classification, whose system tags
 * ({@code class.email_address}, {@code class.credit_card}, {@code class.name}...) mark columns by what they hold.
 *
 * <p>{@code tagKey}/{@code tagValues} is the original single-rule form and stays valid; {@code rules} adds more. With
 * neither, the policy is {@code classification=SCI}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.tagValues) || has(self.tagKey) || !has(self.rules)",
        message =
                "tagValues without tagKey applies to the default key classification; with rules, write that rule in rules")
@ValidationRule(
        value =
                "!has(self.rules) || self.rules.all(r, self.rules.exists_one(s, s.tagKey.lowerAscii() == r.tagKey.lowerAscii()))",
        message = "each tag key may appear in only one rule (tag keys are case-insensitive); list all its values there")
public class SciPolicy {
    public static final String DEFAULT_TAG_KEY = "classification";
    public static final List<String> DEFAULT_TAG_VALUES = List.of("SCI");

    @Size(min = 1, max = 255)
    @JsonPropertyDescription("Tag key of a single rule (the original form); defaults to classification.")
    private String tagKey;

    @Size(max = 32)
    @JsonPropertyDescription("Tag values of that rule; an empty list means the key alone marks SCI. Defaults to [SCI] "
            + "when tagKey is not set either.")
    private List<String> tagValues;

    @Size(max = 32)
    @JsonPropertyDescription("More rules; an asset is SCI when any rule matches one of its tags, e.g. "
            + "{tagKey: class.email_address} for every column automatic classification found to hold e-mail addresses.")
    private List<SciRule> rules;

    /**
     * The rules in force: the single-rule fields when given (or when nothing else is), then {@code rules}. The key
     * alone (no values) matches any value.
     */
    public List<SciRule> effectiveRules() {
        List<SciRule> effective = new ArrayList<>();
        boolean noRules = rules == null || rules.isEmpty();
        if (tagKey != null || tagValues != null || noRules) {
            effective.add(SciRule.of(
                    tagKey != null ? tagKey : DEFAULT_TAG_KEY,
                    tagValues != null ? tagValues : tagKey == null ? DEFAULT_TAG_VALUES : List.of()));
        }
        if (!noRules) {
            effective.addAll(rules);
        }
        return effective;
    }

    /** The policy of a workspace that names none. */
    public static List<SciRule> defaultRules() {
        return new SciPolicy().effectiveRules();
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

    public List<SciRule> getRules() {
        return rules;
    }

    public void setRules(List<SciRule> rules) {
        this.rules = rules;
    }
}
