package io.lakegate.operator.connector.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** Children cached with their managedFields trees shared when equal, and their content unchanged. */
class InterningItemStoreTest {

    private static ConfigMap child(String name, String field) {
        // deserialised separately, as the informer does for each object it lists or watches
        return Serialization.unmarshal("""
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s","namespace":"lake","managedFields":[
          {"manager":"lakegate-operator","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1",
           "fieldsV1":{"f:data":{"f:%s":{}},"f:metadata":{"f:labels":{"f:app.kubernetes.io/name":{}}}}}]},
         "data":{"%s":"x"}}""".formatted(name, field, field), ConfigMap.class);
    }

    @Test
    void equalFieldSetsAndEqualPartsAreOneObjectAndDifferentOnesStayApart() {
        InterningItemStore<ConfigMap> store = new InterningItemStore<>();
        ConfigMap a = child("a", "workspaces.json");
        ConfigMap b = child("b", "workspaces.json");
        ConfigMap c = child("c", "other.json");
        assertThat(a.getMetadata().getManagedFields().get(0).getFieldsV1())
                .isNotSameAs(b.getMetadata().getManagedFields().get(0).getFieldsV1());

        for (ConfigMap m : new ConfigMap[] {a, b, c}) {
            store.put(store.getKey(m), m);
        }

        var treeA = store.get("lake/a")
                .getMetadata()
                .getManagedFields()
                .get(0)
                .getFieldsV1()
                .getAdditionalProperties();
        var treeB = store.get("lake/b")
                .getMetadata()
                .getManagedFields()
                .get(0)
                .getFieldsV1()
                .getAdditionalProperties();
        var treeC = store.get("lake/c")
                .getMetadata()
                .getManagedFields()
                .get(0)
                .getFieldsV1()
                .getAdditionalProperties();
        assertThat(treeB).isSameAs(treeA);
        assertThat(treeC).isNotSameAs(treeA).isNotEqualTo(treeA);
        // a tree that differs in one key still shares the parts that do not (here the labels' subtree)
        assertThat(treeC.get("f:metadata")).isSameAs(treeA.get("f:metadata"));
        // the content the SSA matcher reads is what the apiserver sent
        assertThat(store.get("lake/b")).isEqualTo(child("b", "workspaces.json"));
        assertThat(store.get("lake/c")).isEqualTo(child("c", "other.json"));
        assertThat(store.size()).isEqualTo(3);
    }
}
