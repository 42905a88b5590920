package io.lakegate.connector.guard;

import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

import io.lakegate.connector.guard.GuardDecision.RefusalKind;
import io.lakegate.connector.guard.GuardDecision.StatementKind;

/**
 * The query guard in front of every SQL text the connector forwards (proxy_to_sql, execute_sql_read_only, Genie's
 * attachments): exactly one read-only statement that touches no SCI asset, or an {@code INVALID_QUERY} refusal that
 * names the offending token or table.
 *
 * <p>The text forwarded on acceptance is regenerated from the checked parse tree, never the caller's text: comments
 * cannot smuggle a second statement to the warehouse because they do not survive, and what runs is exactly what was
 * checked. Parsing runs on the guard's own small pool with a time limit; call {@link #check} off the event loop.
 */
public final class SqlGuard {

    private final DatabricksSqlParser parser;
    private final SelectChecker selects;
    private final MetadataStatementChecker metadata;

    public SqlGuard() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public SqlGuard(int parserThreads) {
        this.parser = new DatabricksSqlParser(parserThreads);
        this.selects = new SelectChecker(parser);
        this.metadata = new MetadataStatementChecker(selects);
    }

    public GuardDecision check(String sql, GuardContext ctx) {
        try {
            return decide(sql, ctx);
        } catch (GuardRefusal refusal) {
            return refusal.refused();
        } catch (RuntimeException | StackOverflowError unexpected) {
            // fail closed: a parser or walker defect must never let a statement through
            return new GuardDecision.Refused(RefusalKind.UNPARSABLE,
                    "the query could not be verified (" + unexpected.getClass().getSimpleName() + ")",
                    DatabricksSqlParser.leadingToken(sql == null ? "" : sql));
        }
    }

    private GuardDecision decide(String sql, GuardContext ctx) {
        if (sql == null || sql.isBlank()) {
            throw new GuardRefusal(RefusalKind.EMPTY, "the query is empty", "");
        }
        List<Statement> statements = parser.parse(sql);
        if (statements.isEmpty()) {
            throw new GuardRefusal(RefusalKind.EMPTY, "the query is empty", "");
        }
        if (statements.size() > 1) {
            String second = References.keywordOf(statements.get(1));
            throw new GuardRefusal(RefusalKind.MULTIPLE_STATEMENTS,
                    "exactly one statement is accepted; a second one starts with " + second, second);
        }
        Statement statement = statements.get(0);
        List<String> notes = new ArrayList<>();
        StatementKind kind;
        if (statement instanceof Select select) {
            notes.addAll(selects.checkQuery(select, ctx));
            dropOptimizerHints(select);
            RowLimiter.enforce(select, ctx.limits().maxRows()).ifPresent(notes::add);
            kind = StatementKind.SELECT;
        } else {
            kind = metadata.check(statement, ctx);
            if (kind == null) {
                String keyword = References.keywordOf(statement);
                throw new GuardRefusal(RefusalKind.NOT_READ_ONLY,
                        "only one SELECT, WITH ... SELECT, SHOW or DESCRIBE statement is accepted; '" + keyword
                                + "' statements are not", keyword);
            }
        }
        String forwarded = statement.toString();
        requireFaithfulRegeneration(forwarded);
        return new GuardDecision.Allowed(forwarded, kind, ctx.limits().maxRows(), ctx.limits().maxBytes(), notes);
    }

    /** The regenerated text must read as the same single statement to both lexers (see {@link SparkLexicalCheck}). */
    private void requireFaithfulRegeneration(String forwarded) {
        SparkLexicalCheck.requireSingleStatementWithoutComments(forwarded);
        List<Statement> again = parser.parse(forwarded);
        if (again.size() != 1 || !again.get(0).toString().equals(forwarded)) {
            throw new GuardRefusal(RefusalKind.UNPARSABLE,
                    "the query could not be regenerated faithfully and is refused", DatabricksSqlParser.leadingToken(forwarded));
        }
    }

    private static void dropOptimizerHints(Select select) {
        AstWalker.walk(select, (node, holder) -> {
            if (node instanceof PlainSelect plain) {
                plain.setOracleHint(null);
            }
            return true;
        });
    }
}
