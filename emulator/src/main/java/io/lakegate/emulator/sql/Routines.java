package io.lakegate.emulator.sql;

import java.util.Locale;
import java.util.Set;

/**
 * The functions a statement may call: those Databricks SQL has as built-ins and H2 can run with the same meaning. It is
 * an allow-list because H2 has many routines Databricks lacks, some of which reach the host (FILE_READ, FILE_WRITE,
 * CSVREAD, CSVWRITE, LINK_SCHEMA, ...): with a deny-list the emulator would be easier to attack than Databricks, and a
 * guard tested against it could pass what Databricks would never run. Anything else answers Databricks' error for an
 * unknown function.
 */
final class Routines {

    private static final Set<String> ALLOWED = Set.of(
            // aggregate
            "count",
            "sum",
            "avg",
            "mean",
            "min",
            "max",
            "stddev",
            "stddev_pop",
            "stddev_samp",
            "std",
            "variance",
            "var_pop",
            "var_samp",
            "any_value",
            "bool_and",
            "bool_or",
            "every",
            "some",
            "any",
            "corr",
            "covar_pop",
            "covar_samp",
            "median",
            "mode",
            "percentile_cont",
            "percentile_disc",
            "array_agg",
            "listagg",
            "regr_avgx",
            "regr_avgy",
            "regr_count",
            "regr_intercept",
            "regr_r2",
            "regr_slope",
            "regr_sxx",
            "regr_sxy",
            "regr_syy",
            "grouping",
            // window
            "row_number",
            "rank",
            "dense_rank",
            "percent_rank",
            "cume_dist",
            "ntile",
            "lag",
            "lead",
            "first_value",
            "last_value",
            "nth_value",
            // string
            "lower",
            "upper",
            "lcase",
            "ucase",
            "length",
            "char_length",
            "character_length",
            "octet_length",
            "bit_length",
            "substring",
            "substr",
            "trim",
            "ltrim",
            "rtrim",
            "lpad",
            "rpad",
            "concat",
            "concat_ws",
            "replace",
            "repeat",
            "left",
            "right",
            "instr",
            "locate",
            "position",
            "initcap",
            "ascii",
            "chr",
            "char",
            "translate",
            "regexp_replace",
            "regexp_like",
            "regexp_substr",
            "soundex",
            "space",
            // math
            "abs",
            "ceil",
            "ceiling",
            "floor",
            "round",
            "sign",
            "signum",
            "sqrt",
            "power",
            "exp",
            "ln",
            "log",
            "log10",
            "mod",
            "pi",
            "rand",
            "random",
            "sin",
            "cos",
            "tan",
            "asin",
            "acos",
            "atan",
            "atan2",
            "sinh",
            "cosh",
            "tanh",
            "cot",
            "degrees",
            "radians",
            "greatest",
            "least",
            // conditional
            "coalesce",
            "nullif",
            "ifnull",
            "nvl",
            "nvl2",
            "decode",
            // date and time
            "current_date",
            "current_timestamp",
            "year",
            "month",
            "day",
            "dayofmonth",
            "dayofweek",
            "dayofyear",
            "hour",
            "minute",
            "second",
            "quarter",
            "week",
            "date_trunc",
            "last_day",
            // conversion and misc
            "cast",
            "try_cast",
            "extract",
            "current_user",
            "array_contains",
            "cardinality");

    private Routines() {}

    /** Refuses {@code name} (possibly qualified, possibly quoted) unless it is an allowed built-in. */
    static void check(String name, String catalog, String schema) {
        String plain = name == null ? "" : name.strip();
        boolean qualified = plain.contains(".");
        String bare = unquote(plain).toLowerCase(Locale.ROOT);
        if (!qualified && ALLOWED.contains(bare)) {
            return;
        }
        throw unresolved(qualified ? plain.toLowerCase(Locale.ROOT) : bare, catalog, schema);
    }

    static boolean allowed(String name) {
        return ALLOWED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Databricks' answer for a function it does not know, naming its search path. */
    static SqlFailure unresolved(String name, String catalog, String schema) {
        String path = "[`system`.`builtin`, `system`.`session`"
                + (catalog != null && schema != null ? ", `" + catalog + "`.`" + schema + "`" : "") + "]";
        return new SqlFailure(
                "BAD_REQUEST",
                "[UNRESOLVED_ROUTINE] Cannot resolve routine `" + name.replace("`", "") + "` on search path " + path
                        + ". SQLSTATE: 42883",
                "42883");
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("`") && s.endsWith("`"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
