package io.lakegate.operator.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorMatcherTest {
    private static final Map<String, String> LABELS = Map.of("team", "data", "tier", "prod");

    @Test
    void matchLabelsAndExpressionsAreAnded() {
        LabelSelector selector = new LabelSelectorBuilder()
                .addToMatchLabels("team", "data")
                .addNewMatchExpression()
                .withKey("tier")
                .withOperator("In")
                .withValues("prod", "stage")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("legacy")
                .withOperator("DoesNotExist")
                .endMatchExpression()
                .build();
        assertThat(LabelSelectorMatcher.matches(selector, LABELS)).isTrue();
        assertThat(LabelSelectorMatcher.matches(selector, Map.of("team", "data", "tier", "dev")))
                .isFalse();
        assertThat(LabelSelectorMatcher.matches(selector, Map.of("team", "data", "tier", "prod", "legacy", "1")))
                .isFalse();
    }

    @Test
    void operatorsFollowKubernetesSemantics() {
        assertThat(matches("NotIn", "tier", "dev")).isTrue();
        assertThat(matches("NotIn", "tier", "prod")).isFalse();
        assertThat(matches("Exists", "team")).isTrue();
        assertThat(matches("Exists", "owner")).isFalse();
        assertThat(matches("Bogus", "team", "data")).isFalse();
        assertThat(LabelSelectorMatcher.matches(new LabelSelector(), null)).isTrue();
    }

    private static boolean matches(String operator, String key, String... values) {
        return LabelSelectorMatcher.matches(
                new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey(key)
                        .withOperator(operator)
                        .withValues(values)
                        .endMatchExpression()
                        .build(),
                LABELS);
    }
}
