package io.lakegate.emulator.auth;

/** The authenticated user of one request; {@code via} says how (emulator token or JWT issuer), never the token. */
public record Caller(String userName, String via) {

    public static final String ATTRIBUTE = Caller.class.getName();
}
