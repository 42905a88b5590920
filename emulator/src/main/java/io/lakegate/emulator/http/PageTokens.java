package io.lakegate.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page tokens: base64url of {@code kind|listing|offset|flag}. The listing key ties a token to the list it came
 * from, so a token from another list, a forged one or garbage is rejected with 400 INVALID_PARAMETER_VALUE.
 */
public final class PageTokens {

    /** The decoded cursor: where the next page starts and whether the listing's empty page was already served. */
    public record Cursor(int offset, boolean emptyPageServed) {}

    private PageTokens() {}

    public static String encode(String listing, Cursor cursor) {
        String raw = "v1|" + listing + "|" + cursor.offset() + "|" + (cursor.emptyPageServed() ? 1 : 0);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String listing, String token) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String prefix = "v1|" + listing + "|";
        if (!raw.startsWith(prefix)) {
            throw invalid();
        }
        String[] rest = raw.substring(prefix.length()).split("\\|", -1);
        if (rest.length != 2 || !(rest[1].equals("0") || rest[1].equals("1"))) {
            throw invalid();
        }
        try {
            int offset = Integer.parseInt(rest[0]);
            if (offset < 0) {
                throw invalid();
            }
            return new Cursor(offset, rest[1].equals("1"));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.invalidParameter(
                "Invalid page_token: the token is malformed or was not issued for this list.");
    }
}
