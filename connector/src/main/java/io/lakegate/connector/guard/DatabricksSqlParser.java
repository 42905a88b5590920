package io.lakegate.connector.guard;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserTokenManager;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.SimpleCharStream;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.feature.Feature;
import net.sf.jsqlparser.parser.feature.FeatureConfiguration;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

import io.lakegate.connector.guard.GuardDecision.RefusalKind;

/**
 * JSqlParser 5.3 configured as close to the Databricks (Spark SQL) lexer as it goes: backslash escapes inside string
 * literals (Spark's rule, so {@code 'a\'b'} is one literal and {@code 'a\\'} ends where Spark ends it), no fallback to
 * "unsupported statement" objects, and a parse time limit because the parser backtracks.
 *
 * <p>Anything the parser cannot parse is refused, never guessed at: the error names the token the parser stopped at,
 * or the statement's leading keyword when the statement does not even start like a query ({@code OPTIMIZE},
 * {@code VACUUM}, {@code COPY}, ...).
 */
final class DatabricksSqlParser {

    /** Statement Execution allows 16 MiB; a question from an assistant is far below this. */
    static final int MAX_SQL_CHARS = 256 * 1024;
    private static final long PARSE_TIMEOUT_MILLIS = 3_000;
    private static final Set<String> QUERY_OPENERS = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "VALUES", "(", "TABLE");

    private final ExecutorService parsing;

    DatabricksSqlParser(int parallelism) {
        AtomicInteger n = new AtomicInteger();
        this.parsing = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "lakegate-sql-guard-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Every statement in the text, in order. Throws {@link GuardRefusal} for anything not parsable. */
    List<Statement> parse(String sql) {
        if (sql.length() > MAX_SQL_CHARS) {
            throw new GuardRefusal(RefusalKind.TOO_LARGE,
                    "the query is longer than " + MAX_SQL_CHARS + " characters", "length " + sql.length());
        }
        Future<Statements> result = parsing.submit(() -> newParser(sql).Statements());
        try {
            return List.copyOf(result.get(PARSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new GuardRefusal(RefusalKind.UNPARSABLE, "the query is too complex to verify", leadingToken(sql));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new GuardRefusal(RefusalKind.UNPARSABLE, "query verification was interrupted", leadingToken(sql));
        } catch (ExecutionException e) {
            throw unparsable(sql, e.getCause());
        }
    }

    private static CCJSqlParser newParser(String sql) {
        CCJSqlParser parser = new CCJSqlParser(new StringProvider(sql));
        parser.withConfiguration(configuration());
        return parser;
    }

    private static FeatureConfiguration configuration() {
        return new FeatureConfiguration()
                .setValue(Feature.allowBackslashEscapeCharacter, true)
                .setValue(Feature.allowUnsupportedStatements, false)
                .setValue(Feature.timeOut, PARSE_TIMEOUT_MILLIS);
    }

    private static GuardRefusal unparsable(String sql, Throwable cause) {
        String leading = leadingToken(sql);
        if (leading.isEmpty()) {
            return new GuardRefusal(RefusalKind.EMPTY, "the query is empty", "");
        }
        if (!QUERY_OPENERS.contains(leading.toUpperCase(Locale.ROOT))) {
            return new GuardRefusal(RefusalKind.NOT_READ_ONLY,
                    "only one SELECT, WITH ... SELECT, SHOW or DESCRIBE statement is accepted; '" + leading
                            + "' statements are not", leading);
        }
        String at = cause instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null
                ? pe.currentToken.next.image : null;
        if (at == null || at.isEmpty()) {
            at = cause instanceof StackOverflowError ? leading : "<end of query>";
        }
        return new GuardRefusal(RefusalKind.UNPARSABLE,
                "the query cannot be verified: the SQL parser stopped at '" + at
                        + "' (unparsable or unsupported Databricks syntax is refused)", at);
    }

    /** The first real token (comments skipped), or "" for an empty text or a lexical error before it. */
    static String leadingToken(String sql) {
        try {
            CCJSqlParserTokenManager tokens = new CCJSqlParserTokenManager(new SimpleCharStream(new StringProvider(sql)));
            tokens.configuration = configuration();
            Token first = tokens.getNextToken();
            return first.kind == CCJSqlParserConstants.EOF ? "" : first.image;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
