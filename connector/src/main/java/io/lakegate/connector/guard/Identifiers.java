package io.lakegate.connector.guard;

import java.util.Locale;

/** Databricks identifier rules: case-insensitive, optionally quoted in backticks (a doubled backtick escapes one). */
final class Identifiers {

    private Identifiers() {
    }

    /** The identifier as Databricks compares it: unquoted and lower-case. */
    static String normalise(String identifier) {
        if (identifier == null) {
            return null;
        }
        String s = identifier.strip();
        if (s.length() >= 2 && s.startsWith("`") && s.endsWith("`")) {
            s = s.substring(1, s.length() - 1).replace("``", "`");
        } else if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** Quotes a name for the SQL the guard generates, so any column name survives the round trip. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
