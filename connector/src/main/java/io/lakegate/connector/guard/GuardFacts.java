package io.lakegate.connector.guard;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Unity Catalog facts one guard decision rests on, as the caller sees them, learned round by round: the guard names
 * what it still needs ({@link GuardDecision.NeedsFacts}), the connector looks those up and asks again. An entry mapped
 * to empty is a table or namespace that is missing, not visible or SCI: deliberately one answer for all three.
 */
public final class GuardFacts {

    public static final GuardFacts NONE = new GuardFacts(Map.of(), Map.of());

    private final Map<QualifiedName, Optional<TableFacts>> tables;
    private final Map<Namespace, Boolean> namespaces;

    private GuardFacts(Map<QualifiedName, Optional<TableFacts>> tables, Map<Namespace, Boolean> namespaces) {
        this.tables = tables;
        this.namespaces = namespaces;
    }

    /** Null when not looked up yet; empty when missing, invisible or SCI. */
    Optional<TableFacts> table(QualifiedName name) {
        return tables.get(name);
    }

    /** Null when not looked up yet; false when missing, invisible or SCI. */
    Boolean namespaceVisible(Namespace namespace) {
        return namespaces.get(namespace);
    }

    public GuardFacts withTables(Map<QualifiedName, Optional<TableFacts>> more) {
        Map<QualifiedName, Optional<TableFacts>> merged = new HashMap<>(tables);
        merged.putAll(more);
        return new GuardFacts(Map.copyOf(merged), namespaces);
    }

    public GuardFacts withNamespaces(Map<Namespace, Boolean> more) {
        Map<Namespace, Boolean> merged = new HashMap<>(namespaces);
        merged.putAll(more);
        return new GuardFacts(tables, Map.copyOf(merged));
    }
}
