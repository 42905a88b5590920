package io.lakegate.connector.workspace;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which tags mark an asset as Strictly Confidential Information: any of the rules. A rule is a tag key (Unity Catalog
 * tag, governed tag, or a system tag of automatic data classification such as {@code class.email_address}) and the
 * values that mark SCI; a rule without values matches the key whatever its value.
 */
public record SciPolicy(List<Rule> rules) {

    public static final SciPolicy DEFAULT = new SciPolicy(List.of(new Rule("classification", List.of("SCI"))));

    /** One tag key and the values that mark SCI (empty: any value). */
    public record Rule(String tagKey, List<String> tagValues) {
        public Rule {
            Objects.requireNonNull(tagKey, "tagKey");
            tagValues = List.copyOf(tagValues);
        }

        /** Tag keys are case-insensitive in Unity Catalog; values are compared exactly, as governed tags fix them. */
        boolean matches(String key, String value) {
            return key != null
                    && tagKey.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))
                    && (tagValues.isEmpty() || tagValues.contains(value));
        }
    }

    public SciPolicy {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("an SCI policy needs at least one rule");
        }
    }

    public boolean matches(String key, String value) {
        return rules.stream().anyMatch(rule -> rule.matches(key, value));
    }

    /** The distinct tag keys of the rules, lower-case: what a tag query must select. */
    public List<String> tagKeys() {
        return rules.stream()
                .map(r -> r.tagKey().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    }
}
