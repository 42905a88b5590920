package io.lakegate.emulator.sql;

import java.time.Instant;

/** A write statement the engine really executed: who, through which API, the SQL as sent and rows affected. */
public record ExecutedWrite(Instant at, String user, String via, String statement, long affectedRows) {}
