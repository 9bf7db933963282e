package dev.tandem.sql;

import net.sf.jsqlparser.statement.Statement;

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
import java.util.Set;
import java.util.function.Consumer;

/**
 * Visits every node of a JSqlParser tree, whatever its type (used at planning time only). JSqlParser's own visitors each cover only part of the
 * grammar (none of them, for instance, reaches every {@code ?}); this walk follows the fields of the tree's objects
 * instead, so nothing is ever missed. Runs only when a plan is built (on a cache miss), never per statement.
 */
public final class AstNodes {
    /** The package JSqlParser lives in, after any relocation by the shade plugin. */
    private static final String PARSER_PACKAGE = Statement.class.getName()
            .substring(0, Statement.class.getName().length() - ".statement.Statement".length()) + ".";

    private static final ClassValue<List<Field>> CHILD_FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c.getName().startsWith(PARSER_PACKAGE); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.getType().isPrimitive()
                            || f.getType() == String.class || f.getType().isEnum()
                            || Number.class.isAssignableFrom(f.getType()) || f.getType() == Boolean.class) {
                        continue;
                    }
                    if (isParseTree(f.getType())) {
                        continue;
                    }
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
            return Collections.unmodifiableList(fields);
        }
    };

    private AstNodes() {
    }

    /** Calls {@code visitor} once for every JSqlParser node reachable from {@code root}, root included. */
    public static void walk(Object root, Consumer<Object> visitor) {
        walkUntil(root, node -> true, visitor);
    }

    /**
     * Calls {@code visitor} for every node reachable from {@code root} without passing through a node that
     * {@code enter} refuses (such a node is neither visited nor entered).
     */
    public static void walkUntil(Object root, java.util.function.Predicate<Object> enter,
                                 Consumer<Object> visitor) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Object node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof Collection<?> collection) {
                for (Object element : collection) {
                    if (element != null) {
                        pending.push(element);
                    }
                }
                continue;
            }
            if (node instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getKey() != null) {
                        pending.push(e.getKey());
                    }
                    if (e.getValue() != null) {
                        pending.push(e.getValue());
                    }
                }
                continue;
            }
            if (node instanceof Object[] array) {
                for (Object element : array) {
                    if (element != null) {
                        pending.push(element);
                    }
                }
                continue;
            }
            if (!node.getClass().getName().startsWith(PARSER_PACKAGE) || !enter.test(node)) {
                continue;
            }
            visitor.accept(node);
            for (Field f : CHILD_FIELDS.get(node.getClass())) {
                Object child;
                try {
                    child = f.get(node);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + f, e);
                }
                if (child != null) {
                    pending.push(child);
                }
            }
        }
    }

    private static boolean isParseTree(Class<?> type) {
        String name = type.getName();
        return name.equals(PARSER_PACKAGE + "parser.SimpleNode") || name.equals(PARSER_PACKAGE + "parser.Node")
                || name.equals(PARSER_PACKAGE + "parser.Token");
    }
}
