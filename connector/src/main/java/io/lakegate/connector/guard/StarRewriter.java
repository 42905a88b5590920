package io.lakegate.connector.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

import io.lakegate.connector.guard.GuardDecision.RefusalKind;
import io.lakegate.connector.guard.SelectChecker.ResolvedTable;

/**
 * The {@code SELECT *} decision: a star that would expand over a table with SCI columns is rewritten to that table's
 * permitted columns (the other sources of the same select keep a qualified {@code alias.*}), so the assistant gets the
 * answer minus the SCI columns instead of an error. The rewrite is refused instead, with token {@code *}, when it
 * cannot be exact: the table's column list is unknown, the star has {@code EXCEPT}/{@code REPLACE}, the select has a
 * {@code LATERAL VIEW} or an unaliased subquery, no column would remain, or the star sits inside a view body (the view
 * text is not what runs). A star inside an expression ({@code struct(*)}, {@code hash(t.*)}) is refused whenever any
 * table of the query has SCI columns.
 */
final class StarRewriter {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final GuardContext ctx;
    private final Map<Table, ResolvedTable> resolved;
    private final Map<String, QualifiedName> sciColumnsInScope;
    private final boolean mayRewrite;

    StarRewriter(GuardContext ctx, Map<Table, ResolvedTable> resolved, Map<String, QualifiedName> sciColumnsInScope,
            boolean mayRewrite) {
        this.ctx = ctx;
        this.resolved = resolved;
        this.sciColumnsInScope = sciColumnsInScope;
        this.mayRewrite = mayRewrite;
    }

    List<String> rewrite(List<References.Star> stars) {
        List<String> notes = new ArrayList<>();
        for (References.Star star : stars) {
            if (star.selectList() == null) {
                if (!sciColumnsInScope.isEmpty()) {
                    throw refuse(star.star(), "a star inside an expression would include SCI columns of "
                            + sciColumnsInScope.values().iterator().next() + "; name the columns");
                }
            } else if (star.star() instanceof AllTableColumns tableStar) {
                rewriteTableStar(star.selectList(), tableStar, notes);
            } else {
                rewriteStar(star.selectList(), star.star(), notes);
            }
        }
        return notes;
    }

    private void rewriteTableStar(PlainSelect select, AllTableColumns star, List<String> notes) {
        String qualifier = dotted(star.getTable());
        for (FromItem source : sources(select)) {
            if (!qualifier.equals(nameOf(source)) && !(source instanceof Table t && qualifier.equals(dotted(t)))) {
                continue;
            }
            if (source instanceof Table table && !resolved.get(table).sciColumns().isEmpty()) {
                requireExact(star);
                List<SelectItem<?>> items = new ArrayList<>(permittedColumns(table, star.getTable().getFullyQualifiedName()));
                replace(select, star, items);
                notes.add(note(table));
            }
            return;
        }
        if (!sciColumnsInScope.isEmpty()) {
            throw refuse(star, "'" + star + "' does not name a source of its SELECT and may include SCI columns");
        }
    }

    private void rewriteStar(PlainSelect select, AllColumns star, List<String> notes) {
        List<FromItem> sources = sources(select);
        boolean overSci = sources.stream().anyMatch(s -> s instanceof Table t && !resolved.get(t).sciColumns().isEmpty());
        if (!overSci) {
            return;
        }
        requireExact(star);
        if (select.getLateralViews() != null && !select.getLateralViews().isEmpty()) {
            throw refuse(star, "SELECT * with LATERAL VIEW over a table with SCI columns cannot be rewritten; name the columns");
        }
        List<SelectItem<?>> items = new ArrayList<>();
        for (FromItem source : sources) {
            if (source instanceof Table table) {
                String qualifier = table.getAlias() != null ? table.getAlias().getName() : table.getFullyQualifiedName();
                if (resolved.get(table).sciColumns().isEmpty()) {
                    items.add(new SelectItem<>(new AllTableColumns(new Table(qualifier))));
                } else {
                    items.addAll(permittedColumns(table, qualifier));
                    notes.add(note(table));
                }
            } else if (source.getAlias() != null && !(source instanceof net.sf.jsqlparser.statement.select.ParenthesedFromItem)) {
                items.add(new SelectItem<>(new AllTableColumns(new Table(source.getAlias().getName()))));
            } else {
                throw refuse(star, "SELECT * over a table with SCI columns and an unaliased subquery or join group "
                        + "cannot be rewritten; alias it or name the columns");
            }
        }
        replace(select, star, items);
    }

    private void requireExact(AllColumns star) {
        if (!mayRewrite) {
            throw refuse(star, "a star over a table with SCI columns");
        }
        boolean hasExcept = star.getExceptColumns() != null && !star.getExceptColumns().isEmpty();
        boolean hasReplace = star.getReplaceExpressions() != null && !star.getReplaceExpressions().isEmpty();
        if (hasExcept || hasReplace) {
            throw refuse(star, "a star with EXCEPT/REPLACE over a table with SCI columns cannot be rewritten; name the columns");
        }
    }

    private List<SelectItem<?>> permittedColumns(Table table, String qualifier) {
        ResolvedTable r = resolved.get(table);
        QualifiedName qn = r.name();
        List<String> all = ctx.sci().columns(qn.catalog(), qn.schema(), qn.table())
                .orElseThrow(() -> new GuardRefusal(RefusalKind.SCI_STAR, "table " + qn
                        + " has SCI columns and its column list is unknown, so * cannot be narrowed; name the columns",
                        "*"));
        List<SelectItem<?>> items = new ArrayList<>();
        for (String column : all) {
            if (!r.sciColumns().contains(Identifiers.normalise(column))) {
                items.add(new SelectItem<>(new Column(new Table(qualifier), quoteIfNeeded(column))));
            }
        }
        if (items.isEmpty()) {
            throw new GuardRefusal(RefusalKind.SCI_STAR, "every column of " + qn + " is classified SCI", "*");
        }
        return items;
    }

    private String note(Table table) {
        ResolvedTable r = resolved.get(table);
        return "SELECT * over " + r.name() + " was narrowed to its permitted columns (" + r.sciColumns().size()
                + " SCI-classified column(s) omitted)";
    }

    private static void replace(PlainSelect select, AllColumns star, List<SelectItem<?>> replacement) {
        List<SelectItem<?>> items = new ArrayList<>(select.getSelectItems());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).getExpression() == star) {
                items.remove(i);
                items.addAll(i, replacement);
                select.setSelectItems(items);
                return;
            }
        }
        throw new IllegalStateException("star not found in its select list");
    }

    private static List<FromItem> sources(PlainSelect select) {
        List<FromItem> sources = new ArrayList<>();
        if (select.getFromItem() != null) {
            sources.add(select.getFromItem());
        }
        if (select.getJoins() != null) {
            for (Join join : select.getJoins()) {
                sources.add(join.getRightItem());
            }
        }
        return sources;
    }

    /** How a star may qualify a source: its alias, else (for a table) its name as written or its last part. */
    private static String nameOf(FromItem source) {
        if (source.getAlias() != null) {
            return Identifiers.normalise(source.getAlias().getName());
        }
        return source instanceof Table t ? Identifiers.normalise(t.getName()) : "";
    }

    private static String dotted(Table table) {
        List<String> parts = new ArrayList<>(table.getNameParts());
        java.util.Collections.reverse(parts);
        return String.join(".", parts.stream().map(Identifiers::normalise).toList());
    }

    private static String quoteIfNeeded(String column) {
        return PLAIN_IDENTIFIER.matcher(column).matches() ? column : Identifiers.quote(column);
    }

    private static GuardRefusal refuse(AllColumns star, String reason) {
        return new GuardRefusal(RefusalKind.SCI_STAR, reason, star.toString());
    }
}
