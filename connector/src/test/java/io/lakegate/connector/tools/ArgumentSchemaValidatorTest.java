package io.lakegate.connector.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentSchemaValidatorTest {

    private final ArgumentSchemaValidator validator = new ArgumentSchemaValidator();
    private final Map<String, Object> schema = Map.of(
            "type",
            "object",
            "required",
            List.of("query"),
            "properties",
            Map.of("query", Map.of("type", "string"), "conversation_id", Map.of("type", "string")));

    @Test
    void validArgumentsHaveNoProblems() {
        assertThat(validator.problems(schema, Map.of("query", "SELECT 1"), "tool_args"))
                .isEmpty();
    }

    @Test
    void missingRequiredFieldIsNamed() {
        assertThat(validator.problems(schema, Map.of(), "tool_args"))
                .singleElement()
                .asString()
                .contains("tool_args.query")
                .contains("required");
    }

    @Test
    void wrongTypeIsNamed() {
        assertThat(validator.problems(schema, Map.of("query", 42), "tool_args"))
                .singleElement()
                .asString()
                .contains("field 'tool_args.query'")
                .contains("string");
    }

    @Test
    void remoteRefsAreNotFetched() {
        Map<String, Object> remote = Map.of("$ref", "http://127.0.0.1:9/evil.json");
        assertThat(validator.problems(Map.of("type", "object"), Map.of("a", 1), ""))
                .isEmpty();
        try {
            validator.problems(remote, Map.of("a", 1), "");
        } catch (RuntimeException expected) {
            assertThat(expected.getMessage()).doesNotContain("Connection refused");
        }
    }
}
