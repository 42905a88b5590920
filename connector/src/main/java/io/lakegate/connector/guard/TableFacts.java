package io.lakegate.connector.guard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the guard must know of one table or view the caller can see and that is not SCI: its columns in order, which of
 * them are SCI (lower-case names), and for a view its definition. A table that is missing, invisible to the caller or
 * SCI at any level has no facts at all: the guard cannot tell those apart and answers them alike.
 */
public record TableFacts(
        QualifiedName name,
        List<String> columns,
        Set<String> sciColumns,
        Optional<String> viewDefinition,
        boolean view) {

    public TableFacts {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        sciColumns = Set.copyOf(sciColumns);
        Objects.requireNonNull(viewDefinition, "viewDefinition");
    }

    public static TableFacts table(QualifiedName name, List<String> columns, Set<String> sciColumns) {
        return new TableFacts(name, columns, sciColumns, Optional.empty(), false);
    }

    public static TableFacts view(QualifiedName name, List<String> columns, Set<String> sciColumns, String definition) {
        return new TableFacts(name, columns, sciColumns, Optional.ofNullable(definition), true);
    }

    /** The columns a query may read, in table order. */
    List<String> permittedColumns() {
        return columns.stream()
                .filter(c -> !sciColumns.contains(c.toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    boolean hasSciColumns() {
        return columns.stream().anyMatch(c -> sciColumns.contains(c.toLowerCase(java.util.Locale.ROOT)));
    }
}
