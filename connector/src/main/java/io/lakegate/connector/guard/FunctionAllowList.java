package io.lakegate.connector.guard;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Databricks built-in functions a guarded query may call, each reviewed: pure scalar, aggregate, window and
 * generator functions that compute from their arguments only. Anything else is refused with the function named: AI and
 * HTTP functions ({@code ai_query}, {@code ai_*}, {@code http_request}, {@code vector_search}) reach outside the
 * warehouse, {@code reflect}/{@code java_method} run arbitrary code, {@code secret}/{@code read_files} read what Unity
 * Catalog does not tag, {@code input_file_name} reveals storage paths, and a name that is not a built-in is a
 * user-defined function whose body the guard cannot see.
 */
final class FunctionAllowList {

    private static final Set<String> AGGREGATE = words("""
            any any_value approx_count_distinct approx_percentile array_agg avg bit_and bit_or bit_xor bool_and bool_or
            collect_list collect_set corr count count_if covar_pop covar_samp every first first_value grouping
            grouping_id histogram_numeric kurtosis last last_value listagg max max_by mean median min min_by mode
            percentile percentile_approx percentile_cont percentile_disc regr_avgx regr_avgy regr_count regr_intercept
            regr_r2 regr_slope regr_sxx regr_sxy regr_syy skewness some std stddev stddev_pop stddev_samp string_agg sum
            try_avg try_sum var_pop var_samp variance""");

    private static final Set<String> WINDOW = words("""
            cume_dist dense_rank lag lead nth_value ntile percent_rank rank row_number""");

    /** Generators: in the select list, LATERAL VIEW or FROM. */
    static final Set<String> GENERATORS = words("""
            explode explode_outer inline inline_outer posexplode posexplode_outer stack json_tuple
            variant_explode variant_explode_outer""");

    /** Table-valued functions allowed in FROM: the generators and {@code range}. */
    static final Set<String> TABLE_FUNCTIONS =
            Stream.concat(GENERATORS.stream(), Stream.of("range")).collect(Collectors.toUnmodifiableSet());

    private static final Set<String> SCALAR = words("""
            abs acos acosh asin asinh atan atan2 atanh bin bround cbrt ceil ceiling conv cos cosh cot csc degrees e exp
            expm1 factorial floor greatest hex hypot least ln log log10 log1p log2 mod negative pi pmod positive pow power
            radians rand randn random rint round sec sign signum sin sinh sqrt tan tanh try_add try_divide try_multiply
            try_subtract try_mod unhex width_bucket bit_count bit_get getbit shiftleft shiftright shiftrightunsigned
            ascii base64 bit_length btrim char char_length character_length chr concat concat_ws contains decode elt
            encode endswith find_in_set format_number format_string initcap instr lcase left len length levenshtein
            locate lower lpad ltrim luhn_check mask octet_length overlay position printf regexp regexp_count
            regexp_extract regexp_extract_all regexp_instr regexp_like regexp_replace regexp_substr repeat replace
            reverse right rlike rpad rtrim sentences soundex space split split_part startswith substr substring
            substring_index to_binary to_char to_number to_varchar translate trim try_to_binary try_to_number ucase
            unbase64 upper url_decode url_encode try_url_decode quote is_valid_utf8 make_valid_utf8 validate_utf8
            try_validate_utf8 collation crc32 hash md5 sha sha1 sha2 xxhash64
            add_months convert_timezone curdate current_date current_timestamp current_timezone date date_add date_diff
            date_format date_from_unix_date date_part date_sub date_trunc dateadd datediff datepart day dayname
            dayofmonth dayofweek dayofyear extract from_unixtime from_utc_timestamp hour last_day localtimestamp
            make_date make_dt_interval make_interval make_timestamp make_timestamp_ltz make_timestamp_ntz
            make_ym_interval minute month monthname months_between next_day now quarter second timestamp_micros
            timestamp_millis timestamp_seconds timestampadd timestampdiff to_date to_timestamp to_timestamp_ltz
            to_timestamp_ntz to_unix_timestamp to_utc_timestamp trunc try_to_timestamp try_to_date unix_date
            unix_micros unix_millis unix_seconds unix_timestamp weekday weekofyear year window window_time
            aggregate array array_append array_compact array_contains array_distinct array_except array_insert
            array_intersect array_join array_max array_min array_position array_prepend array_remove array_repeat
            array_size array_sort array_union arrays_overlap arrays_zip cardinality element_at exists filter flatten
            forall get map map_concat map_contains_key map_entries map_filter map_from_arrays map_from_entries map_keys
            map_values map_zip_with named_struct reduce sequence shuffle size slice sort_array str_to_map struct
            transform transform_keys transform_values try_element_at zip_with
            from_json get_json_object json_array_length json_object_keys schema_of_json to_json from_csv to_csv
            schema_of_csv parse_json try_parse_json variant_get try_variant_get is_variant_null schema_of_variant
            coalesce if iff ifnull isnan isnotnull isnull nanvl nullif nullifzero nvl nvl2 zeroifnull equal_null
            raise_error typeof try_cast bigint binary boolean decimal double float int smallint string timestamp tinyint
            current_catalog current_database current_schema current_user session_user user uuid""");

    private static final Set<String> ALLOWED = Stream.of(AGGREGATE, WINDOW, GENERATORS, SCALAR)
            .flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableSet());

    private FunctionAllowList() {}

    static boolean allowed(String name) {
        return ALLOWED.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Set<String> words(String text) {
        return Stream.of(text.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet());
    }
}
