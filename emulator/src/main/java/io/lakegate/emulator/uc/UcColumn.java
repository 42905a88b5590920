package io.lakegate.emulator.uc;

import java.util.Map;

/** A table column; {@code position} is 0-based as in UC's ColumnInfo. */
public record UcColumn(
        String name,
        int position,
        String typeName,
        String typeText,
        boolean nullable,
        String comment,
        Integer typePrecision,
        Integer typeScale,
        Map<String, String> tags) {}
