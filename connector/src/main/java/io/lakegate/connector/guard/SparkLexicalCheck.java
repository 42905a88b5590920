package io.lakegate.connector.guard;

import io.lakegate.connector.guard.GuardDecision.RefusalKind;

/**
 * Last line of defence on the text the guard forwards, read with the Databricks (Spark SQL) lexer's rules rather than
 * JSqlParser's: string literals in {@code '...'} and {@code "..."} with backslash escapes, identifiers in backticks with
 * doubled-backtick escapes, {@code --} comments that a trailing backslash continues, and nestable bracketed comments.
 * The forwarded text is regenerated from the parse tree and so carries no comment and no statement separator; if the
 * two lexers ever disagreed about where a literal ends, this check sees a comment or a {@code ;} that the parser did
 * not, and the query is refused instead of Databricks running something the guard never saw.
 */
final class SparkLexicalCheck {

    private SparkLexicalCheck() {
    }

    static void requireSingleStatementWithoutComments(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipString(sql, i, c);
            } else if (c == '`') {
                i = skipBackticks(sql, i);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                throw refuse("--");
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                throw refuse("/*");
            } else if (c == ';') {
                throw refuse(";");
            } else {
                i++;
            }
        }
    }

    private static int skipString(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        throw refuse(String.valueOf(quote));
    }

    private static int skipBackticks(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == '`') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw refuse("`");
    }

    private static GuardRefusal refuse(String token) {
        return new GuardRefusal(RefusalKind.UNPARSABLE, "the query's literals or comments are ambiguous between the "
                + "guard's parser and Databricks, so it cannot be verified", token);
    }
}
