package io.lakegate.operator.connector.dependent;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The informer cache of the connectors' children, with one shared copy of each distinct part of their
 * {@code managedFields} trees.
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
 */
public class InterningItemStore<R extends HasMetadata> extends BasicItemStore<R> {

    private static final Map<Object, WeakReference<Object>> PARTS = new WeakHashMap<>();

    public InterningItemStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public R put(String key, R obj) {
        List<ManagedFieldsEntry> entries =
                obj.getMetadata() == null ? null : obj.getMetadata().getManagedFields();
        if (entries != null) {
            for (ManagedFieldsEntry entry : entries) {
                FieldsV1 fields = entry.getFieldsV1();
                if (fields != null && fields.getAdditionalProperties() != null) {
                    FieldsV1 shared = new FieldsV1();
                    shared.setAdditionalProperties(canonical(fields.getAdditionalProperties()));
                    entry.setFieldsV1(shared);
                }
            }
        }
        return super.put(key, obj);
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
