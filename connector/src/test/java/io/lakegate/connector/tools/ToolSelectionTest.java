package io.lakegate.connector.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolSelectionTest {

    static final List<String> TOOLS = List.of("list_catalogs", "get_table", "proxy_to_sql", "proxy_to_genie");

    static ToolSelectionProperties props(List<String> enabled, List<String> disabled) {
        ToolSelectionProperties p = new ToolSelectionProperties();
        p.setEnabled(enabled);
        p.setDisabled(disabled);
        return p;
    }

    @Test
    void nothingSetServesEveryTool() {
        assertThat(ToolSelection.of(props(List.of(), List.of()), TOOLS).served())
                .containsExactlyInAnyOrderElementsOf(TOOLS);
    }

    @Test
    void enabledListServesOnlyThoseAndDisabledListAllButThose() {
        assertThat(ToolSelection.of(props(List.of(" get_table", "list_catalogs"), List.of()), TOOLS)
                        .served())
                .containsExactlyInAnyOrder("get_table", "list_catalogs");
        ToolSelection noProxies = ToolSelection.of(props(List.of(), List.of("proxy_to_sql", "proxy_to_genie")), TOOLS);
        assertThat(noProxies.test("proxy_to_sql")).isFalse();
        assertThat(noProxies.test("get_table")).isTrue();
    }

    @Test
    void unknownNamesAndBothListsRefuseToStart() {
        assertThatThrownBy(() -> ToolSelection.of(props(List.of(), List.of("proxy_to_sq1")), TOOLS))
                .hasMessageContaining("unknown tools [proxy_to_sq1]");
        assertThatThrownBy(() -> ToolSelection.of(props(List.of("get_table"), List.of("proxy_to_sql")), TOOLS))
                .hasMessageContaining("not both");
    }
}
