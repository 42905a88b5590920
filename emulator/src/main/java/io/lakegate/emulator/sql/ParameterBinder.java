package io.lakegate.emulator.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Databricks named parameter markers ({@code :name}) into JDBC {@code ?} placeholders, skipping string literals,
 * quoted identifiers and {@code ::} casts, and binds the values (strings; H2 converts them to the column type).
 */
final class ParameterBinder {

    /** JDBC SQL plus the values for its placeholders, in order. */
    record Bound(String sql, List<String> values) {
        void bindTo(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
        }
    }

    private ParameterBinder() {}

    static Bound bind(String sql, List<SqlEngine.Param> params) {
        StringBuilder out = new StringBuilder();
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                int end = closing(sql, i, ch);
                out.append(sql, i, end);
                i = end;
            } else if (ch == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (ch == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < sql.length() && Character.isJavaIdentifierPart(sql.charAt(j))) {
                    j++;
                }
                String name = sql.substring(i + 1, j);
                SqlEngine.Param p = find(params, name);
                values.add(p.value());
                out.append('?');
                i = j;
            } else {
                out.append(ch);
                i++;
            }
        }
        return new Bound(out.toString(), values);
    }

    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static SqlEngine.Param find(List<SqlEngine.Param> params, String name) {
        if (params != null) {
            for (SqlEngine.Param p : params) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
        }
        throw new SqlFailure(
                "BAD_REQUEST",
                "[UNBOUND_SQL_PARAMETER] Found the unbound parameter: " + name
                        + ". Please, fix `args` and provide a mapping of the parameter to a SQL literal. SQLSTATE: 42P02",
                "42P02");
    }
}
