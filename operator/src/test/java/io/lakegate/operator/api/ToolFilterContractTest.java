package io.lakegate.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.generator.annotation.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tool names the CRD accepts are exactly the connector's tools. The connector's side is its checked-in tool
 * snapshot ({@code connector/src/test/resources/tools-snapshot.json}), which the connector's {@code ToolContractIT}
 * compares with the tools it really serves; reading that file keeps the operator free of connector code. A tool added,
 * renamed or removed on either side fails here: an unknown name in the CRD would crash-loop the connector, a missing
 * one would make a tool impossible to enable or disable.
 */
class ToolFilterContractTest {

    private static final Path SNAPSHOT = Path.of(
            System.getProperty("lakegate.tools.snapshot", "../connector/src/test/resources/tools-snapshot.json"));

    static List<String> connectorTools() throws IOException {
        JsonNode snapshot = new ObjectMapper().readTree(Files.readString(SNAPSHOT));
        List<String> names = new ArrayList<>();
        snapshot.path("tools").forEach(tool -> names.add(tool.path("name").asText()));
        return names;
    }

    private static List<String> quoted(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']+)'").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void theCelRuleAcceptsExactlyTheConnectorsTools() throws IOException {
        List<String> connector = connectorTools();
        assertThat(connector).as("tools in %s", SNAPSHOT).hasSize(12);
        assertThat(quoted(ToolFilter.KNOWN_TOOLS))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(connector);
    }

    @Test
    void theRuleMessageNamesTheSameTools() {
        String list = ToolFilter.KNOWN_TOOLS_MESSAGE.substring(ToolFilter.KNOWN_TOOLS_MESSAGE.indexOf(':') + 1);
        assertThat(Arrays.stream(list.split(",")).map(String::trim).toList())
                .containsExactlyElementsOf(quoted(ToolFilter.KNOWN_TOOLS));
    }

    @Test
    void eachListMayNameEveryToolOnce() throws Exception {
        int tools = connectorTools().size();
        for (String field : List.of("enabled", "disabled")) {
            assertThat(ToolFilter.class
                            .getDeclaredField(field)
                            .getAnnotation(Size.class)
                            .max())
                    .as(field)
                    .isEqualTo(tools);
        }
    }
}
