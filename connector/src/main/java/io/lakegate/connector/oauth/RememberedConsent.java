package io.lakegate.connector.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.util.MultiValueMap;

/**
 * Consent the user gave on the consent page, remembered in their browser: one cookie listing an HMAC tag per approved
 * (client_id, redirect URI). A cookie rather than a server-side record because consent is asked before the upstream
 * sign-in, when the proxy does not know the user yet; the browser is all there is to remember it by. An HMAC rather
 * than the client_id itself so the cookie cannot be forged (e.g. tossed in from a sibling subdomain) to approve a
 * client the user never saw; the key is derived from the signing key, so every replica verifies it and rotating the
 * signing key forgets all consents. Bound to the redirect URI too: a client's new redirect URI is a new audience for
 * the user's codes and asks again.
 */
final class RememberedConsent {

    static final String COOKIE = "lakegate_consent";
    static final String CSRF_COOKIE = "lakegate_consent_csrf";
    /**
     * The CSRF cookie's name over https. A double-submit cookie only helps if an attacker cannot plant one: from a
     * sibling subdomain he could (cookie tossing), with his own token bound to his own pending sign-in. Browsers
     * accept a {@code __Host-} cookie only from the host itself, Secure and with Path=/.
     */
    static final String CSRF_COOKIE_HTTPS = "__Host-" + CSRF_COOKIE;
    /** Keeps the cookie well under browsers' 4 KB limit: 20 tags of 22 characters; the oldest are dropped. */
    static final int MAX_TAGS = 20;

    private final SecretKeySpec key;
    private final Duration rememberFor;
    private final boolean secure;

    RememberedConsent(byte[] key, Duration rememberFor, boolean secure) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.rememberFor = rememberFor;
        this.secure = secure;
    }

    /** The tag for one client and redirect URI: HMAC-SHA256 truncated to 128 bits, base64url. */
    String tag(String clientId, String redirectUri) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // length-prefixed, so no (client_id, redirect_uri) pair collides with another by moving the boundary
            byte[] message = (clientId.length() + ":" + clientId + redirectUri).getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac.doFinal(message), 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean covers(MultiValueMap<String, HttpCookie> cookies, String clientId, String redirectUri) {
        if (rememberFor.isZero() || rememberFor.isNegative()) {
            return false;
        }
        byte[] expected = tag(clientId, redirectUri).getBytes(StandardCharsets.US_ASCII);
        for (String tag : tags(cookies)) {
            if (MessageDigest.isEqual(expected, tag.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    /** The cookie after an approval, or null when consent is not remembered. */
    ResponseCookie approve(MultiValueMap<String, HttpCookie> cookies, String clientId, String redirectUri) {
        if (rememberFor.isZero() || rememberFor.isNegative()) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        tags.add(tag(clientId, redirectUri));
        for (String t : tags(cookies)) {
            if (tags.size() < MAX_TAGS && !tags.contains(t)) {
                tags.add(t);
            }
        }
        // Lax, not Strict: the authorize request that reads it is a top-level navigation from the client's site
        return cookie(COOKIE, String.join(".", tags))
                .maxAge(rememberFor)
                .sameSite("Lax")
                .build();
    }

    /**
     * The consent page's CSRF cookie. A token only in the form would not do: an attacker can load the page for his own
     * pending sign-in and read it; the cookie makes the answer count only from the browser the page was served to.
     * Strict: the answer is a same-site POST, and no other site's form should carry it. A session cookie, reused for
     * every page of the browser session so that two sign-ins in two tabs do not overwrite each other's token.
     */
    ResponseCookie csrfCookie(String token) {
        return ResponseCookie.from(csrfCookieName(), token)
                .httpOnly(true)
                .secure(secure)
                .path(secure ? "/" : "/oauth")
                .sameSite("Strict")
                .build();
    }

    String csrfCookieName() {
        return secure ? CSRF_COOKIE_HTTPS : CSRF_COOKIE;
    }

    private ResponseCookie.ResponseCookieBuilder cookie(String name, String value) {
        return ResponseCookie.from(name, value).httpOnly(true).secure(secure).path("/oauth");
    }

    private static List<String> tags(MultiValueMap<String, HttpCookie> cookies) {
        HttpCookie cookie = cookies.getFirst(COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            return List.of();
        }
        return Arrays.stream(cookie.getValue().split("\\."))
                .filter(t -> t.length() == 22)
                .limit(MAX_TAGS)
                .toList();
    }
}
