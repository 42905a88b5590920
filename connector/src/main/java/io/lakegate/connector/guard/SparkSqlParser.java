package io.lakegate.connector.guard;

import io.lakegate.connector.guard.GuardDecision.RefusalKind;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;

/**
 * Databricks SQL read with Databricks' own grammar: Apache Spark's generated ANTLR lexer and parser
 * ({@code spark-sql-api}), configured as a SQL warehouse runs them (ANSI keywords not enforced, double-quoted text is a
 * string, exponent literals are doubles). Where a literal, comment or identifier ends is therefore decided exactly as
 * the warehouse decides it: backslash escapes, raw {@code r'...'} literals, nested bracketed comments, doubled
 * backticks. Anything the grammar does not accept, and any bracketed comment left open, is refused.
 */
final class SparkSqlParser {

    /** Statements longer than this are refused before lexing: a guard must answer in bounded time. */
    static final int MAX_LENGTH = 64 * 1024;
    /** Deeper bracket nesting is refused before parsing (ANTLR recursion grows with it). */
    static final int MAX_NESTING = 96;

    private SparkSqlParser() {}

    /** One statement: its tree and the tokens it was parsed from. */
    record Parsed(SqlBaseParser.SingleStatementContext tree, List<Token> tokens) {}

    static Parsed parseStatement(String sql) {
        if (sql.length() > MAX_LENGTH) {
            throw new GuardRefusal(
                    RefusalKind.TOO_LARGE, "the query is longer than " + MAX_LENGTH + " characters", leadingToken(sql));
        }
        CommonTokenStream tokens = lex(sql);
        if (tokens.getTokens().stream()
                .allMatch(t -> t.getChannel() != Token.DEFAULT_CHANNEL || t.getType() == Token.EOF)) {
            throw new GuardRefusal(RefusalKind.EMPTY, "the query is empty", "");
        }
        requireOneStatement(tokens.getTokens());
        requireBoundedNesting(tokens.getTokens());
        SqlBaseParser parser = parser(tokens);
        SqlBaseParser.SingleStatementContext tree;
        try {
            // SLL is exact when it succeeds and much faster; full LL only for what SLL cannot decide
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            parser.setErrorHandler(new org.antlr.v4.runtime.BailErrorStrategy());
            tree = parser.singleStatement();
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser = parser(tokens);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            tree = parser.singleStatement();
        }
        return new Parsed(tree, tokens.getTokens());
    }

    /** A multipart identifier written as a string, as {@code IDENTIFIER('a.b.c')} takes it. */
    static SqlBaseParser.MultipartIdentifierContext parseMultipartIdentifier(String text) {
        CommonTokenStream tokens = lex(text);
        SqlBaseParser.SingleMultipartIdentifierContext single = parser(tokens).singleMultipartIdentifier();
        return single.multipartIdentifier();
    }

    /** The default-channel tokens of {@code sql} as Databricks lexes it (EOF excluded). */
    static List<Token> significantTokens(String sql) {
        return lex(sql).getTokens().stream()
                .filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != Token.EOF)
                .toList();
    }

    static CommonTokenStream lex(String sql) {
        SqlBaseLexer lexer = new SqlBaseLexer(new UpperCaseCharStream(CharStreams.fromString(sql)));
        lexer.removeErrorListeners();
        lexer.addErrorListener(Refusing.INSTANCE);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        if (lexer.has_unclosed_bracketed_comment) {
            throw new GuardRefusal(
                    RefusalKind.UNPARSABLE, "the query has a bracketed comment that is never closed", "/*");
        }
        for (Token token : tokens.getTokens()) {
            if (token.getType() == SqlBaseLexer.UNRECOGNIZED) {
                throw new GuardRefusal(
                        RefusalKind.UNPARSABLE,
                        "the query does not parse as Databricks SQL near '" + token.getText() + "'",
                        token.getText());
            }
        }
        return tokens;
    }

    private static SqlBaseParser parser(CommonTokenStream tokens) {
        SqlBaseParser parser = new SqlBaseParser(tokens);
        parser.legacy_setops_precedence_enabled = false;
        parser.legacy_exponent_literal_as_decimal_enabled = false;
        parser.SQL_standard_keyword_behavior = false;
        parser.double_quoted_identifiers = false;
        parser.removeErrorListeners();
        parser.addErrorListener(Refusing.INSTANCE);
        return parser;
    }

    /** Databricks runs one statement per call; a second one is named by its first token. */
    private static void requireOneStatement(List<Token> tokens) {
        boolean separated = false;
        for (Token token : tokens) {
            if (token.getChannel() != Token.DEFAULT_CHANNEL || token.getType() == Token.EOF) {
                continue;
            }
            if (token.getType() == SqlBaseLexer.SEMICOLON) {
                separated = true;
            } else if (separated) {
                throw new GuardRefusal(
                        RefusalKind.MULTIPLE_STATEMENTS,
                        "exactly one statement is accepted; a second one starts with " + token.getText(),
                        token.getText());
            }
        }
    }

    private static void requireBoundedNesting(List<Token> tokens) {
        int depth = 0;
        for (Token token : tokens) {
            int type = token.getType();
            if (type == SqlBaseLexer.LEFT_PAREN || type == SqlBaseLexer.LEFT_BRACKET) {
                if (++depth > MAX_NESTING) {
                    throw new GuardRefusal(
                            RefusalKind.TOO_LARGE,
                            "the query nests brackets deeper than " + MAX_NESTING + " levels",
                            token.getText());
                }
            } else if (type == SqlBaseLexer.RIGHT_PAREN || type == SqlBaseLexer.RIGHT_BRACKET) {
                depth--;
            }
        }
    }

    static String leadingToken(String sql) {
        String s = sql.strip();
        int end = 0;
        while (end < s.length() && end < 32 && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end);
    }

    /** Syntax errors become refusals naming the token the grammar stopped at. */
    private static final class Refusing extends BaseErrorListener {
        static final Refusing INSTANCE = new Refusing();

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offendingSymbol,
                int line,
                int position,
                String msg,
                RecognitionException e) {
            String near = offendingSymbol instanceof Token token
                    ? (token.getType() == Token.EOF ? "end of input" : token.getText())
                    : "position " + position;
            throw new GuardRefusal(
                    RefusalKind.UNPARSABLE,
                    "the query does not parse as Databricks SQL near '" + near + "' (line " + line + ")",
                    near);
        }
    }

    /**
     * Spark lexes keywords case-insensitively by upper-casing what the lexer looks at, while token texts keep the
     * case written (Spark's own {@code UpperCaseCharStream}).
     */
    private static final class UpperCaseCharStream implements CharStream {
        private final CodePointCharStream wrapped;

        UpperCaseCharStream(CodePointCharStream wrapped) {
            this.wrapped = wrapped;
        }

        @Override
        public int LA(int i) {
            int c = wrapped.LA(i);
            return c == 0 || c == IntStream.EOF ? c : Character.toUpperCase(c);
        }

        @Override
        public String getText(Interval interval) {
            return wrapped.getText(interval);
        }

        @Override
        public void consume() {
            wrapped.consume();
        }

        @Override
        public int mark() {
            return wrapped.mark();
        }

        @Override
        public void release(int marker) {
            wrapped.release(marker);
        }

        @Override
        public int index() {
            return wrapped.index();
        }

        @Override
        public void seek(int index) {
            wrapped.seek(index);
        }

        @Override
        public int size() {
            return wrapped.size();
        }

        @Override
        public String getSourceName() {
            return wrapped.getSourceName();
        }
    }
}
