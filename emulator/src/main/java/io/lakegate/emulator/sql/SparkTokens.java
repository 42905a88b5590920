package io.lakegate.emulator.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;

/**
 * Reads a statement the way a Databricks warehouse does, with Apache Spark's own generated lexer, and renders it for
 * H2 token by token. The emulator must not be easier or harder than Databricks: where H2's lexer and Spark's disagree
 * (backslash escapes, raw literals {@code r'...'}, double-quoted strings, nested bracketed comments, doubled backticks,
 * {@code 10L} literals) the Spark reading wins, because H2 only ever sees the rendering, never the caller's text.
 *
 * <p>Rendering: string literals become H2 {@code '...'} literals of their Spark value (adjacent literals concatenated,
 * as Spark does), backtick identifiers become H2 quoted identifiers in lower case (Databricks names are case-insensitive
 * and the store is lower case, as unquoted names are under {@code DATABASE_TO_LOWER}), comments vanish, and tokens are
 * joined by single spaces (no space around {@code .}, and {@code :name} parameter markers stay joined).
 */
final class SparkTokens {

    /** What a token is, as far as the emulator cares. */
    enum Kind {
        WORD,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        SYMBOL,
        SEMICOLON
    }

    /**
     * One significant token. {@code value} is the identifier's name (unquoted, doubled backticks undone), the string
     * literal's Spark value, or the token text.
     */
    record Tok(Kind kind, int type, String text, String value) {
        boolean isWord(String upper) {
            return kind == Kind.WORD && text.equalsIgnoreCase(upper);
        }

        /** An identifier's name in lower case (words and quoted identifiers alike), else null. */
        String name() {
            return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER ? value.toLowerCase(Locale.ROOT) : null;
        }
    }

    private SparkTokens() {}

    /**
     * Lexes {@code sql} into its significant tokens, refusing what Spark's parser refuses before parsing: unrecognized
     * characters (e.g. an unterminated literal), an unclosed bracketed comment and a second statement after {@code ;}.
     * Trailing semicolons are dropped, as {@code singleStatement} accepts them.
     */
    static List<Tok> lex(String sql) {
        if (sql == null || sql.isBlank()) {
            throw SqlFailure.syntax("the statement is empty.");
        }
        SqlBaseLexer lexer = new SqlBaseLexer(new UpperCaseCharStream(CharStreams.fromString(sql)));
        lexer.removeErrorListeners();
        List<Tok> out = new ArrayList<>();
        boolean inHint = false;
        for (Token t : lexer.getAllTokens()) {
            int type = t.getType();
            String text = t.getText();
            // A hint (/*+ ... */) only steers Spark's optimizer; dropped whole, since H2 would read it as a comment
            // that
            // ends at the first */, even one inside a string literal of the hint.
            if (type == SqlBaseLexer.HENT_START || inHint) {
                inHint = type != SqlBaseLexer.HENT_END;
                continue;
            }
            switch (type) {
                case SqlBaseLexer.WS, SqlBaseLexer.SIMPLE_COMMENT, SqlBaseLexer.BRACKETED_COMMENT -> {}
                case SqlBaseLexer.UNRECOGNIZED -> throw SqlFailure.syntaxAt(text, null);
                case SqlBaseLexer.STRING_LITERAL, SqlBaseLexer.DOUBLEQUOTED_STRING ->
                    out.add(new Tok(Kind.STRING, type, text, unescape(text)));
                case SqlBaseLexer.BACKQUOTED_IDENTIFIER ->
                    out.add(new Tok(
                            Kind.QUOTED_IDENTIFIER,
                            type,
                            text,
                            text.substring(1, text.length() - 1).replace("``", "`")));
                case SqlBaseLexer.IDENTIFIER ->
                    out.add(
                            isWordLike(text)
                                    ? new Tok(Kind.WORD, type, text, text)
                                    // Spark also lexes 1a and scheme://paths as identifiers; H2 would split them (//
                                    // starts an H2 comment)
                                    : new Tok(Kind.QUOTED_IDENTIFIER, type, text, text));
                case SqlBaseLexer.SEMICOLON -> out.add(new Tok(Kind.SEMICOLON, type, text, text));
                case SqlBaseLexer.INTEGER_VALUE,
                        SqlBaseLexer.EXPONENT_VALUE,
                        SqlBaseLexer.DECIMAL_VALUE,
                        SqlBaseLexer.FLOAT_LITERAL,
                        SqlBaseLexer.DOUBLE_LITERAL,
                        SqlBaseLexer.BIGDECIMAL_LITERAL,
                        SqlBaseLexer.BIGINT_LITERAL,
                        SqlBaseLexer.SMALLINT_LITERAL,
                        SqlBaseLexer.TINYINT_LITERAL -> out.add(new Tok(Kind.NUMBER, type, text, text));
                default ->
                    out.add(
                            isWordLike(text)
                                    ? new Tok(
                                            Kind.WORD, type, text,
                                            text) // a keyword: Spark lets most of them be identifiers too
                                    : new Tok(Kind.SYMBOL, type, text, text));
            }
        }
        if (inHint) {
            throw SqlFailure.unclosedComment();
        }
        if (lexer.has_unclosed_bracketed_comment) {
            throw SqlFailure.unclosedComment();
        }
        int end = out.size();
        while (end > 0 && out.get(end - 1).kind() == Kind.SEMICOLON) {
            end--;
        }
        List<Tok> statement = out.subList(0, end);
        for (int i = 0; i < statement.size(); i++) {
            if (statement.get(i).kind() == Kind.SEMICOLON) {
                // What Spark's singleStatement rule answers for "SELECT 1; SELECT 2": the next statement is extra
                // input.
                String next = i + 1 < statement.size() ? statement.get(i + 1).text() : ";";
                throw SqlFailure.syntaxAt(next, "extra input '" + next + "'");
            }
        }
        if (statement.isEmpty()) {
            throw SqlFailure.syntax("the statement is empty.");
        }
        return List.copyOf(statement);
    }

    /** The statement as H2 SQL (see the class comment). */
    static String toH2(List<Tok> tokens) {
        StringBuilder out = new StringBuilder();
        boolean glue = true;
        for (int i = 0; i < tokens.size(); i++) {
            Tok t = tokens.get(i);
            boolean dot = t.kind() == Kind.SYMBOL && t.text().equals(".");
            if (!glue && !dot) {
                out.append(' ');
            }
            glue = dot;
            if (t.isWord("TABLE") && startsQueryTerm(tokens, i)) {
                out.append(
                        "SELECT * FROM"); // Spark's TABLE x query term, which JSqlParser renders without its namespace
                continue;
            }
            if (t.isWord("IDENTIFIER")
                    && i + 3 < tokens.size()
                    && tokens.get(i + 1).text().equals("(")
                    && tokens.get(i + 2).kind() == Kind.STRING
                    && tokens.get(i + 3).text().equals(")")) {
                out.append(
                        identifierClause(tokens.get(i + 2).value())); // IDENTIFIER('a.b.c'): the name the string spells
                i += 3;
                continue;
            }
            switch (t.kind()) {
                case STRING -> {
                    // Spark concatenates adjacent literals ('a' 'b' is 'ab'); one H2 literal keeps JSqlParser and H2 in
                    // step.
                    StringBuilder value = new StringBuilder(t.value());
                    while (i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.STRING) {
                        value.append(tokens.get(++i).value());
                    }
                    out.append(h2String(value.toString()));
                }
                case QUOTED_IDENTIFIER -> out.append(H2Names.quoted(t.value().toLowerCase(Locale.ROOT)));
                case NUMBER -> out.append(h2Number(t));
                case SYMBOL -> {
                    if (t.text().equals(":")
                            && i + 1 < tokens.size()
                            && tokens.get(i + 1).kind() == Kind.WORD) {
                        out.append(':').append(tokens.get(++i).text()); // a named parameter marker
                    } else if (t.text().equals("==")) {
                        out.append('='); // Spark's equality alias
                    } else {
                        out.append(t.text());
                    }
                }
                default -> out.append(t.text());
            }
        }
        return out.toString();
    }

    /** Type words H2 DDL puts before a parenthesis that Spark's lexer does not know as keywords. */
    private static final java.util.Set<String> TYPE_WORDS = java.util.Set.of(
            "varying",
            "precision",
            "varbinary",
            "integer",
            "real",
            "float",
            "double",
            "character",
            "varchar",
            "char",
            "decimal",
            "numeric",
            "timestamp",
            "time",
            "interval",
            "binary",
            "array",
            "row",
            "enum",
            "geometry",
            "json",
            "uuid");

    /**
     * The names called as routines in H2 SQL: every non-keyword identifier directly followed by {@code (} (table names in
     * the engine's final text are quoted, so they are not among them), type words aside.
     */
    static List<String> calledRoutines(String h2Sql) {
        SqlBaseLexer lexer = new SqlBaseLexer(new UpperCaseCharStream(CharStreams.fromString(h2Sql)));
        lexer.removeErrorListeners();
        List<Token> significant = new ArrayList<>();
        for (Token t : lexer.getAllTokens()) {
            int type = t.getType();
            if (type != SqlBaseLexer.WS
                    && type != SqlBaseLexer.SIMPLE_COMMENT
                    && type != SqlBaseLexer.BRACKETED_COMMENT) {
                significant.add(t);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < significant.size(); i++) {
            Token t = significant.get(i);
            if (significant.get(i + 1).getType() != SqlBaseLexer.LEFT_PAREN) {
                continue;
            }
            if (t.getType() == SqlBaseLexer.IDENTIFIER || t.getType() == SqlBaseLexer.BACKQUOTED_IDENTIFIER) {
                String name = t.getText().replace("`", "").toLowerCase(Locale.ROOT);
                if (!TYPE_WORDS.contains(name)) {
                    out.add(name);
                }
            } else if (t.getType() == SqlBaseLexer.DOUBLEQUOTED_STRING
                    && (i == 0 || !significant.get(i - 1).getText().equals("."))) {
                // an H2 quoted name before "(" that does not end a "schema"."table" name: a routine called by quoted
                // name
                out.add(t.getText()
                        .substring(1, t.getText().length() - 1)
                        .replace("\"\"", "\"")
                        .toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static final java.util.Set<String> BEFORE_QUERY_TERM =
            java.util.Set.of("(", "UNION", "INTERSECT", "EXCEPT", "MINUS", "ALL");

    /** TABLE at the start of a query term ({@code TABLE x}, {@code (TABLE x)}, {@code ... UNION ALL TABLE x}). */
    private static boolean startsQueryTerm(List<Tok> tokens, int i) {
        if (i + 1 >= tokens.size() || tokens.get(i + 1).name() == null) {
            return false;
        }
        return i == 0 || BEFORE_QUERY_TERM.contains(tokens.get(i - 1).text().toUpperCase(Locale.ROOT));
    }

    /** The H2 rendering of the qualified name an IDENTIFIER clause's string spells, e.g. 'sales.`my t`'. */
    private static String identifierClause(String name) {
        List<Tok> parts = lex(name);
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < parts.size(); k++) {
            Tok p = parts.get(k);
            boolean expectName = k % 2 == 0;
            if (expectName ? p.name() == null : !p.text().equals(".")) {
                throw SqlFailure.syntaxAt(name, "not a qualified name in IDENTIFIER");
            }
            out.append(expectName ? H2Names.quoted(p.name()) : ".");
        }
        if (parts.size() % 2 == 0) {
            throw SqlFailure.syntaxAt(name, "not a qualified name in IDENTIFIER");
        }
        return out.toString();
    }

    /** Lexes and renders in one go: for statements the engine does not need to inspect token by token. */
    static String toH2(String sql) {
        return toH2(lex(sql));
    }

    /**
     * An H2 expression for a string value. JSqlParser, which reads the rendering before H2 does, takes a backslash before
     * a quote as an escape, so a literal is never rendered with a backslash in it: each one becomes CHAR(92) in a
     * concatenation, and the literal boundaries JSqlParser and H2 see stay those Spark saw.
     */
    static String h2String(String value) {
        if (value.indexOf('\\') < 0) {
            return "'" + value.replace("'", "''") + "'";
        }
        StringBuilder out = new StringBuilder("(");
        String[] parts = value.split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(" || CHAR(92) || ");
            }
            out.append('\'').append(parts[i].replace("'", "''")).append('\'');
        }
        return out.append(')').toString();
    }

    private static String h2Number(Tok t) {
        String s = t.text();
        // Typed literals keep their Spark type (10L is a BIGINT in the result manifest, not an INT).
        String digits = s.substring(0, s.length() - 1);
        return switch (t.type()) {
            case SqlBaseLexer.BIGINT_LITERAL -> "CAST(" + digits + " AS BIGINT)";
            case SqlBaseLexer.SMALLINT_LITERAL -> "CAST(" + digits + " AS SMALLINT)";
            case SqlBaseLexer.TINYINT_LITERAL -> "CAST(" + digits + " AS TINYINT)";
            case SqlBaseLexer.FLOAT_LITERAL -> "CAST(" + digits + " AS REAL)";
            case SqlBaseLexer.DOUBLE_LITERAL -> "CAST(" + digits + " AS DOUBLE PRECISION)";
            case SqlBaseLexer.BIGDECIMAL_LITERAL -> s.substring(0, s.length() - 2);
            default -> s;
        };
    }

    private static boolean isWordLike(String text) {
        if (text.isEmpty() || !(Character.isLetter(text.charAt(0)) || text.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of a Spark string literal token: raw literals ({@code r'...'}, {@code R"..."}) verbatim; otherwise
     * backslash escapes resolved as Spark's unescaping does ({@code \%} and {@code \_} keep their backslash for LIKE), and
     * a doubled quote character (which Spark 4's lexer accepts inside a literal) read as one.
     */
    static String unescape(String token) {
        char first = token.charAt(0);
        if (first == 'r' || first == 'R') {
            return token.substring(2, token.length() - 1);
        }
        char quote = first;
        String body = token.substring(1, token.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == quote && i + 1 < body.length() && body.charAt(i + 1) == quote) {
                out.append(quote);
                i += 2;
            } else if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(i + 1);
                if (n == 'u' && hex(body, i + 2, 4)) {
                    out.append((char) Integer.parseInt(body.substring(i + 2, i + 6), 16));
                    i += 6;
                } else if (n == 'U' && hex(body, i + 2, 8)) {
                    long cp = Long.parseLong(body.substring(i + 2, i + 10), 16);
                    if (cp > Character.MAX_CODE_POINT) {
                        throw SqlFailure.syntax("invalid Unicode escape '\\U" + body.substring(i + 2, i + 10) + "'.");
                    }
                    out.appendCodePoint((int) cp);
                    i += 10;
                } else if (octal(body, i + 1)) {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 4), 8));
                    i += 4;
                } else {
                    switch (n) {
                        case '0' -> out.append('\u0000');
                        case 'b' -> out.append('\b');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'Z' -> out.append('\u001A');
                        case '%' -> out.append("\\%");
                        case '_' -> out.append("\\_");
                        default -> out.append(n); // \' \" \\ and any other character stand for themselves
                    }
                    i += 2;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean hex(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int k = from; k < from + count; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean octal(String s, int from) {
        return from + 3 <= s.length()
                && (s.charAt(from) == '0' || s.charAt(from) == '1')
                && s.charAt(from + 1) >= '0'
                && s.charAt(from + 1) <= '7'
                && s.charAt(from + 2) >= '0'
                && s.charAt(from + 2) <= '7';
    }

    /**
     * Spark's grammar is written in upper case and Spark lexes case-insensitively by upper-casing what the lexer looks
     * at, while token text keeps the caller's case. Without this every lower-case keyword would be UNRECOGNIZED.
     */
    private static final class UpperCaseCharStream implements CharStream {
        private final CodePointCharStream in;

        UpperCaseCharStream(CodePointCharStream in) {
            this.in = in;
        }

        @Override
        public String getText(Interval interval) {
            return in.getText(interval);
        }

        @Override
        public void consume() {
            in.consume();
        }

        @Override
        public int LA(int i) {
            int c = in.LA(i);
            return c <= 0 ? c : Character.toUpperCase(c);
        }

        @Override
        public int mark() {
            return in.mark();
        }

        @Override
        public void release(int marker) {
            in.release(marker);
        }

        @Override
        public int index() {
            return in.index();
        }

        @Override
        public void seek(int index) {
            in.seek(index);
        }

        @Override
        public int size() {
            return in.size();
        }

        @Override
        public String getSourceName() {
            return in.getSourceName();
        }
    }
}
