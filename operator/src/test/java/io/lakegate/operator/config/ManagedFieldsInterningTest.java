package io.lakegate.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Children read with their managedFields trees shared when equal, and their content unchanged. */
class ManagedFieldsInterningTest {

    private static final KubernetesSerialization INTERNING = ManagedFieldsInterning.serialization();

    private static String json(String name, String field) {
        return """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s","namespace":"lake","managedFields":[
          {"manager":"lakegate-operator","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1",
           "fieldsV1":{"f:data":{"f:%s":{}},"f:metadata":{"f:labels":{"f:app.kubernetes.io/name":{}}}}}]},
         "data":{"%s":"x"}}""".formatted(name, field, field);
    }

    /** Deserialised separately, as the informers do for each object they list or watch. */
    private static Map<String, Object> tree(ConfigMap map) {
        return map.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties();
    }

    @Test
    void equalFieldSetsAndEqualPartsAreOneObjectAndDifferentOnesStayApart() {
        ConfigMap a = INTERNING.unmarshal(json("a", "workspaces.json"), ConfigMap.class);
        ConfigMap b = INTERNING.unmarshal(json("b", "workspaces.json"), ConfigMap.class);
        ConfigMap c = INTERNING.unmarshal(json("c", "other.json"), ConfigMap.class);

        assertThat(tree(b)).isSameAs(tree(a));
        assertThat(tree(c)).isNotSameAs(tree(a)).isNotEqualTo(tree(a));
        // a tree that differs in one key still shares the parts that do not (here the labels' subtree)
        assertThat(tree(c).get("f:metadata")).isSameAs(tree(a).get("f:metadata"));
    }

    @Test
    void theContentIsWhatTheApiServerSent() {
        // what JOSDK's server-side-apply matcher reads must not change
        for (String[] child : new String[][] {{"a", "workspaces.json"}, {"c", "other.json"}}) {
            String json = json(child[0], child[1]);
            ConfigMap shared = INTERNING.unmarshal(json, ConfigMap.class);
            ConfigMap plain = Serialization.unmarshal(json, ConfigMap.class);
            assertThat(shared).isEqualTo(plain);
            assertThat(INTERNING.asJson(shared)).isEqualTo(Serialization.asJson(plain));
        }
    }
}
