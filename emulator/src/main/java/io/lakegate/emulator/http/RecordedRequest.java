package io.lakegate.emulator.http;

import java.time.Instant;

/** One request as the emulator saw it: user is null when authentication failed; traceparent as sent, or null. */
public record RecordedRequest(Instant at, String method, String path, String user, String traceparent, int status) {}
