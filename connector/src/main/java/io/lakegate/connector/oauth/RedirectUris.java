package io.lakegate.connector.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** Redirect URI rules: https, or http only to a loopback host (native apps, RFC 8252); no fragment. */
final class RedirectUris {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private RedirectUris() {}

    static boolean isAcceptable(String uri) {
        try {
            URI u = new URI(uri);
            if (!u.isAbsolute() || u.getRawFragment() != null || u.getHost() == null) {
                return false;
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            return "https".equals(scheme) || "http".equals(scheme) && isLoopback(u.getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isLoopback(String host) {
        return LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
    }

    /** {@code uri} with query parameters appended (null values skipped), each value form-encoded. */
    static String withQuery(String uri, String... namesAndValues) {
        StringBuilder b = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                continue;
            }
            b.append(sep)
                    .append(namesAndValues[i])
                    .append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }
}
