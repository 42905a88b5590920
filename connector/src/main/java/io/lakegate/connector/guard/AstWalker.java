package io.lakegate.connector.guard;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.Token;

/**
 * Visits every JSqlParser object reachable from a statement through its fields, lists, maps and arrays.
 *
 * <p>Why structural and not a JSqlParser visitor: a visitor sees only what its author remembered to override, and the
 * grammar has hundreds of expression types (a table can hide in a lambda, a FILTER clause, a PIVOT, a LATERAL VIEW, a
 * JSON path...). Walking the fields reaches every node by construction, so no new or exotic construct can carry a
 * table or column reference past the guard. The parser's own concrete syntax tree ({@code node} fields) and tokens are
 * not followed: they are a second copy of the same text with parent links.
 */
final class AstWalker {

    /** Called for each reached object with the object that holds it; return false to not descend into it. */
    interface Visitor {
        boolean visit(Object node, Object holder);
    }

    private static final String AST_PACKAGE = "net.sf.jsqlparser.";
    private static final int MAX_NODES = 200_000;
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private AstWalker() {
    }

    static void walk(Object root, Visitor visitor) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> pending = new ArrayDeque<>();
        pending.push(new Object[] {root, null});
        while (!pending.isEmpty()) {
            Object[] next = pending.pop();
            Object node = next[0];
            if (node == null || !seen.add(node)) {
                continue;
            }
            if (seen.size() > MAX_NODES) {
                throw new GuardRefusal(GuardDecision.RefusalKind.TOO_LARGE, "the query is too large to verify", "");
            }
            if (node instanceof Collection<?> c) {
                pushAll(pending, new ArrayList<>(c), next[1]);
            } else if (node instanceof Map<?, ?> m) {
                pushAll(pending, new ArrayList<>(m.keySet()), next[1]);
                pushAll(pending, new ArrayList<>(m.values()), next[1]);
            } else if (node instanceof Object[] array) {
                pushAll(pending, List.of(array), next[1]);
            } else if (node instanceof Optional<?> o) {
                o.ifPresent(v -> pending.push(new Object[] {v, next[1]}));
            } else if (isAstObject(node) && visitor.visit(node, next[1])) {
                List<Object> children = new ArrayList<>();
                for (Field f : fieldsOf(node.getClass())) {
                    children.add(read(f, node));
                }
                pushAll(pending, children, node);
            }
        }
    }

    private static void pushAll(Deque<Object[]> pending, List<?> items, Object holder) {
        // reversed so children are visited in source order (the first refusal reported is the leftmost one)
        for (int i = items.size() - 1; i >= 0; i--) {
            pending.push(new Object[] {items.get(i), holder});
        }
    }

    private static boolean isAstObject(Object o) {
        return o.getClass().getName().startsWith(AST_PACKAGE) && !(o instanceof Node) && !(o instanceof Token)
                && !o.getClass().isEnum();
    }

    private static Object read(Field f, Object node) {
        try {
            return f.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + f, e);
        }
    }

    private static List<Field> fieldsOf(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.getType().isPrimitive()
                            || f.getType() == String.class || Node.class.isAssignableFrom(f.getType())
                            || Token.class.isAssignableFrom(f.getType())) {
                        continue;
                    }
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
            return List.copyOf(fields);
        });
    }
}
