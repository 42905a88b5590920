package io.lakegate.operator.connector.dependent;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The informer cache of the connectors' children, with one shared copy of each distinct {@code managedFields} tree.
 *
 * <p>Why: with 1 000 connectors the operator's heap was mostly server-side-apply bookkeeping (a class histogram:
 * about 580 000 LinkedHashMaps and their entries, keys and strings, some 100 of 140 MiB live), because every cached
 * Deployment, Service, ConfigMap... carries the field sets of each manager as a deep map, and those sets are the same
 * for every connector rendered alike (they name fields, not values). They cannot be dropped: JOSDK's SSA matcher reads
 * the operator's own entry to decide whether a child needs an update, so dropping them would turn every resync into
 * writes. Sharing equal trees keeps the content and the matching identical. Nothing mutates a cached object's
 * managedFields (the matcher reads a serialised copy).
 *
 * <p>Weak: a tree no cached object refers to any more goes away with the objects, so a churning fleet does not grow
 * the table.
 */
public class InterningItemStore<R extends HasMetadata> extends BasicItemStore<R> {

  private static final Map<FieldsV1, WeakReference<FieldsV1>> TREES = new WeakHashMap<>();

  public InterningItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public R put(String key, R obj) {
    List<ManagedFieldsEntry> entries = obj.getMetadata() == null ? null : obj.getMetadata().getManagedFields();
    if (entries != null) {
      for (ManagedFieldsEntry entry : entries) {
        if (entry.getFieldsV1() != null) {
          entry.setFieldsV1(intern(entry.getFieldsV1()));
        }
      }
    }
    return super.put(key, obj);
  }

  static FieldsV1 intern(FieldsV1 tree) {
    synchronized (TREES) {
      WeakReference<FieldsV1> ref = TREES.get(tree);
      FieldsV1 shared = ref == null ? null : ref.get();
      if (shared != null) {
        return shared;
      }
      TREES.put(tree, new WeakReference<>(tree));
      return tree;
    }
  }
}
