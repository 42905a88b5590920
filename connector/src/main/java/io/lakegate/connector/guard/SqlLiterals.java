package io.lakegate.connector.guard;

import java.util.Locale;

/**
 * String literals and identifiers as Databricks reads and writes them. Reading follows Spark's
 * {@code SparkParserUtils.unescapeSQLString}: raw {@code r'...'} literals are verbatim; otherwise backslash escapes
 * ({@code \0 \b \n \r \t \Z}, octal {@code \[01][0-7][0-7]}, {@code \}{@code uXXXX}, {@code \}{@code UXXXXXXXX}),
 * {@code \%} and {@code \_} kept with their backslash for LIKE, any other escaped character standing for itself.
 * Writing uses one canonical form: single quotes, backslash escapes only for the backslash, the quote and control
 * characters.
 */
final class SqlLiterals {

    private SqlLiterals() {}

    /**
     * One STRING_LITERAL or DOUBLEQUOTED_STRING token as the guard writes it: canonical where its value is certain;
     * verbatim (as the same lexer delimited it) when it holds a doubled quote, whose reading differs between Spark
     * releases.
     */
    static String canonical(String token) {
        boolean raw = token.charAt(0) == 'r' || token.charAt(0) == 'R';
        if (!raw) {
            char enclosure = token.charAt(0);
            String body = token.substring(1, token.length() - 1);
            if (body.indexOf(new String(new char[] {enclosure, enclosure})) >= 0) {
                return token;
            }
        }
        return encode(decode(token));
    }

    /** The value of one STRING_LITERAL or DOUBLEQUOTED_STRING token. */
    static String decode(String token) {
        int length = token.length();
        if (token.charAt(0) == 'r' || token.charAt(0) == 'R') {
            return token.substring(2, length - 1);
        }
        if (token.indexOf('\\') < 0) {
            return token.substring(1, length - 1);
        }
        StringBuilder out = new StringBuilder(length);
        int i = 1;
        while (i < length - 1) {
            char c = token.charAt(i);
            if (c != '\\' || i + 1 == length - 1) {
                out.append(c);
                i++;
                continue;
            }
            i++;
            char next = token.charAt(i);
            if (next == 'u' && i + 4 < length && isHex(token, i + 1, 4)) {
                out.append((char) Integer.parseInt(token.substring(i + 1, i + 5), 16));
                i += 5;
            } else if (next == 'U' && i + 8 < length && isHex(token, i + 1, 8)) {
                out.appendCodePoint(Integer.parseInt(token.substring(i + 1, i + 9), 16));
                i += 9;
            } else if (i + 2 < length && isOctal(token, i)) {
                out.append((char) Integer.parseInt(token.substring(i, i + 3), 8));
                i += 3;
            } else {
                switch (next) {
                    case '0' -> out.append('\u0000');
                    case 'b' -> out.append('\b');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'Z' -> out.append('\u001A');
                    case '%' -> out.append("\\%");
                    case '_' -> out.append("\\_");
                    default -> out.append(next);
                }
                i++;
            }
        }
        return out.toString();
    }

    /** {@code value} as a canonical Databricks string literal. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    /** A name as Databricks compares it: backticks removed (a doubled backtick is one), lower case. */
    static String identifier(String token) {
        String s = token;
        if (s.length() >= 2 && s.startsWith("`") && s.endsWith("`")) {
            s = s.substring(1, s.length() - 1).replace("``", "`");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** A name quoted for the SQL the guard writes, so that any name survives the round trip. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static boolean isHex(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOctal(String s, int from) {
        char a = s.charAt(from);
        char b = s.charAt(from + 1);
        char c = s.charAt(from + 2);
        return (a == '0' || a == '1') && b >= '0' && b <= '7' && c >= '0' && c <= '7';
    }
}
