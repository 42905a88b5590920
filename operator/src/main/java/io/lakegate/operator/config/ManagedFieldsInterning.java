package io.lakegate.operator.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The operator's Kubernetes client reads every object with one shared copy of each distinct part of its
 * {@code managedFields} trees: {@link #serialization()} interns each {@code FieldsV1} as it is deserialised.
 *
 * <p>Why: with 1 000 connectors the operator's heap was mostly server-side-apply bookkeeping (a class histogram:
 * about 580 000 LinkedHashMaps, their entries, keys and strings, some 100 of 140 MiB live), because every cached
 * Deployment, Service, ConfigMap... carries each manager's field set as a deep map of maps. Those sets are the same
 * for every connector rendered alike (they name fields, not values) except for a few keys, such as the owner
 * reference's uid, so whole trees rarely repeat but their subtrees (and the empty leaf maps, most of the nodes) do.
 * They cannot be dropped: JOSDK's SSA matcher reads the operator's own entry to decide whether a child needs an
 * update, so dropping them would turn every resync into writes. Sharing equal subtrees keeps the content, and so the
 * matching, identical.
 *
 * <p>Each tree is rebuilt from shared parts, never changed in place, and nothing mutates a cached object's
 * managedFields (the matcher reads a serialised copy), so a shared map is never written after it is published. The
 * table is weak: parts no cached object refers to any more go away with the objects, so a churning fleet does not
 * grow it.
 *
 * <p>Done when the JSON is read, not in an informer's item store: JOSDK hands one item store instance to the informer of
 * every watched namespace, and each informer's relist then dropped the other namespaces' objects from it.
 */
public final class ManagedFieldsInterning {

    private static final Map<Object, WeakReference<Object>> PARTS = new WeakHashMap<>();

    private ManagedFieldsInterning() {}

    /** fabric8's serialization with {@code FieldsV1} read into shared parts; for the operator's own client. */
    public static KubernetesSerialization serialization() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new SimpleModule("lakegate-managed-fields")
                        .addDeserializer(FieldsV1.class, new SharedFieldsV1Deserializer()));
        return new KubernetesSerialization(mapper, true);
    }

    /** A field set is nothing but its (nested) map: read as one, then replaced by its shared copy. */
    private static final class SharedFieldsV1Deserializer extends StdDeserializer<FieldsV1> {

        SharedFieldsV1Deserializer() {
            super(FieldsV1.class);
        }

        @Override
        @SuppressWarnings("unchecked")
        public FieldsV1 deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Map<String, Object> tree = context.readValue(parser, Map.class);
            FieldsV1 fields = new FieldsV1();
            if (tree != null) {
                fields.setAdditionalProperties(canonical(tree));
            }
            return fields;
        }
    }

    /** The shared copy of a field-set map: its keys and nested maps shared first, then the map itself. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> canonical(Map<String, Object> tree) {
        Map<String, Object> rebuilt = new LinkedHashMap<>(Math.max(2, (int) (tree.size() / 0.75f) + 1));
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            Object value = e.getValue();
            rebuilt.put(
                    intern(e.getKey()),
                    value instanceof Map<?, ?> child ? canonical((Map<String, Object>) child) : value);
        }
        return intern(rebuilt);
    }

    @SuppressWarnings("unchecked")
    private static <T> T intern(T part) {
        synchronized (PARTS) {
            WeakReference<Object> ref = PARTS.get(part);
            Object shared = ref == null ? null : ref.get();
            if (shared != null) {
                return (T) shared;
            }
            PARTS.put(part, new WeakReference<>(part));
            return part;
        }
    }
}
