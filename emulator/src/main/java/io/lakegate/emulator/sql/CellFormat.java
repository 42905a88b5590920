package io.lakegate.emulator.sql;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JSON_ARRAY cells: every value as a string (Databricks formats), null stays null. */
final class CellFormat {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private CellFormat() {}

    static String format(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Timestamp t) {
            return TS.format(t.toLocalDateTime());
        }
        if (v instanceof LocalDateTime t) {
            return TS.format(t);
        }
        if (v instanceof OffsetDateTime t) {
            return TS.format(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        if (v instanceof Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof byte[] b) {
            return java.util.Base64.getEncoder().encodeToString(b);
        }
        return v.toString();
    }
}
