package io.lakegate.connector.oauth;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The page a browser shows when a sign-in step fails where no redirect back to the client is allowed (an unknown
 * client or redirect URI, an expired or forged sign-in). Users land here, not MCP clients, so it is a small page in
 * words with the OAuth error code in small print, as self-contained as the consent page: nothing is loaded. Requests
 * that do not accept HTML (programs probing the endpoints) keep getting the RFC 6749 JSON error.
 */
final class ErrorPage {

    private ErrorPage() {}

    /** HTML when the request accepts {@code text/html} (every browser navigation does), else the JSON error. */
    static Mono<ServerResponse> forBrowser(ServerRequest request, OAuthError e) {
        return acceptsHtml(request) ? render(e.status(), e.error(), e.description()) : OAuthResponses.error(e);
    }

    static boolean acceptsHtml(ServerRequest request) {
        List<MediaType> accepted = request.headers().accept();
        return accepted.stream()
                .anyMatch(t -> t.getType().equals("text") && t.getSubtype().equals("html"));
    }

    /**
     * @param error the OAuth error code, or null for a refusal without one
     * @param reason what went wrong, in words
     */
    static Mono<ServerResponse> render(HttpStatus status, String error, String reason) {
        String code = error == null
                ? ""
                : "<p class=\"small\">Error code: <code>" + ConsentPage.escape(error) + "</code></p>\n";
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign-in not continued</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}
                .small{color:#57606a;font-size:.9rem;word-break:break-all}
                </style></head>
                <body>
                <h1>Sign-in not continued</h1>
                <p>%s.</p>
                <p>Close this page and start the sign-in again from the application.</p>
                %s</body></html>
                """.formatted(ConsentPage.escape(capitalized(reason)), code);
        return ConsentPage.protectedPage(ServerResponse.status(status))
                .contentType(MediaType.TEXT_HTML)
                .bodyValue(html);
    }

    private static String capitalized(String s) {
        if (s == null || s.isBlank()) {
            return "Something went wrong";
        }
        String trimmed = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
    }

    /** For the rate limiter's browser pages, which build their own status and headers. */
    static String tooManyRequestsHtml(String description) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Too many sign-in attempts</title>
                <style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}</style>
                </head><body><h1>Too many sign-in attempts</h1><p>%s.</p></body></html>
                """.formatted(ConsentPage.escape(capitalized(description)));
    }
}
