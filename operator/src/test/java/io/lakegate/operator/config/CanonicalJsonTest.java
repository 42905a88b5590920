package io.lakegate.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    @Test
    void sortsKeysAtEveryLevelWhateverTheInsertionOrder() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("z", 1);
        a.put("a", Map.of("y", "é", "b", List.of(Map.of("d", 1, "c", 2))));
        Map<String, Object> b = new HashMap<>();
        b.put("a", new LinkedHashMap<>(Map.of("b", List.of(new LinkedHashMap<>(Map.of("c", 2, "d", 1))), "y", "é")));
        b.put("z", 1);

        assertThat(CanonicalJson.write(a))
                .isEqualTo("{\"a\":{\"b\":[{\"c\":2,\"d\":1}],\"y\":\"é\"},\"z\":1}")
                .isEqualTo(CanonicalJson.write(b));
    }

    @Test
    void copiesAStatusDeeplyWithEveryField() {
        var status = new io.lakegate.operator.api.McpConnectorStatus();
        status.setObservedGeneration(3L);
        status.setReplicas(2);
        status.setReadyReplicas(1);
        status.setUrl("http://fleet.ns.svc:8080/mcp");
        status.setWorkspaceCount(1);
        status.setConfigHash("abc");
        var condition = new io.lakegate.operator.api.Condition("Ready", "True", "Ready", "2/2", 3L);
        condition.setLastTransitionTime("2026-12-07T06:00:00Z");
        status.setConditions(new java.util.ArrayList<>(List.of(condition)));
        var resolution = new io.lakegate.operator.api.WorkspaceResolution();
        resolution.setName("analytics");
        status.setWorkspaces(new java.util.ArrayList<>(List.of(resolution)));

        var copy = CanonicalJson.copy(status, io.lakegate.operator.api.McpConnectorStatus.class);
        assertThat(CanonicalJson.write(copy)).isEqualTo(CanonicalJson.write(status));
        copy.getConditions().get(0).setStatus("False");
        copy.getWorkspaces().clear();
        assertThat(status.getConditions().get(0).getStatus())
                .as("nothing shared with the original")
                .isEqualTo("True");
        assertThat(status.getWorkspaces()).hasSize(1);
    }

    @Test
    void hashesUtf8BytesAsLowerCaseHexSha256() {
        assertThat(CanonicalJson.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(CanonicalJson.sha256Hex("é")).isNotEqualTo(CanonicalJson.sha256Hex("e"));
    }
}
