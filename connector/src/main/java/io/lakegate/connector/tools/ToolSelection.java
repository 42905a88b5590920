package io.lakegate.connector.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Decides, once at startup, which tools are served. A name that is not a tool fails the start: a typo in a
 * {@code disabled} list would otherwise silently leave a tool exposed that an administrator meant to switch off.
 */
public final class ToolSelection implements Predicate<String> {

    private final Set<String> served;

    private ToolSelection(Set<String> served) {
        this.served = Set.copyOf(served);
    }

    public static ToolSelection of(ToolSelectionProperties props, List<String> available) {
        List<String> enabled = clean(props.getEnabled());
        List<String> disabled = clean(props.getDisabled());
        if (!enabled.isEmpty() && !disabled.isEmpty()) {
            throw new IllegalStateException("set lakegate.tools.enabled or lakegate.tools.disabled, not both");
        }
        List<String> unknown = new ArrayList<>(enabled);
        unknown.addAll(disabled);
        unknown.removeAll(available);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(
                    "lakegate.tools names unknown tools " + unknown + "; the tools are " + new TreeSet<>(available));
        }
        Set<String> served = new TreeSet<>(enabled.isEmpty() ? available : enabled);
        served.removeAll(disabled);
        return new ToolSelection(served);
    }

    private static List<String> clean(List<String> names) {
        return names == null
                ? List.of()
                : names.stream()
                        .map(String::trim)
                        .filter(n -> !n.isEmpty())
                        .distinct()
                        .toList();
    }

    @Override
    public boolean test(String tool) {
        return served.contains(tool);
    }

    public Set<String> served() {
        return served;
    }
}
