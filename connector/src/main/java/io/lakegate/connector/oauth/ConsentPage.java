package io.lakegate.connector.oauth;

import java.net.URI;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The proxy's own consent page. Lakegate signs every user in upstream as one static client, so the IdP's consent
 * screen is about Lakegate, not about the MCP client that asked: without this page a dynamically registered client
 * with its own redirect URI would get a code silently for a user who consented upstream before (the MCP spec's
 * confused deputy). Everything the client supplied is escaped; the page loads nothing and cannot be framed.
 */
final class ConsentPage {

    // default-src 'none' blocks scripts, images and fonts alike: an injected tag would have nothing to run or fetch.
    // frame-ancestors is not covered by default-src, so it is stated (with X-Frame-Options for older browsers):
    // a framed page could be clickjacked into an Approve. No form-action: Chrome and Safari apply it to every redirect
    // that follows the submission (to the IdP, then from the IdP to the client's redirect URI, custom schemes
    // included), which it would block; the form posts to this origin and the redirects are the server's own.
    static final String CSP =
            "default-src 'none'; style-src 'unsafe-inline'; " + "frame-ancestors 'none'; base-uri 'none'";

    static final String APPROVE = "approve";
    static final String DENY = "deny";

    private ConsentPage() {}

    /**
     * @param clientName the client's self-asserted name, or null
     * @param redirectHost where the user is sent back to, with its port (on a loopback host the port is what tells
     *        one local application from another); the one fact about the client that registration cannot fake
     */
    static Mono<ServerResponse> render(
            String clientName,
            String clientId,
            String redirectHost,
            List<ScopeWords.Described> scopes,
            String pendingId,
            String csrfToken,
            ResponseCookie csrfCookie) {
        String who = clientName != null && !clientName.isBlank() ? clientName : clientId;
        StringBuilder scopeItems = new StringBuilder();
        for (ScopeWords.Described scope : scopes) {
            scopeItems.append("<li>");
            if (scope.words() != null) {
                scopeItems
                        .append(escape(scope.words()))
                        .append(" <span class=\"small\">(<code>")
                        .append(escape(scope.scope()))
                        .append("</code>)</span>");
            } else {
                scopeItems.append("<code>").append(escape(scope.scope())).append("</code>");
            }
            scopeItems.append("</li>");
        }
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Allow access to Databricks?</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}
                .who{font-weight:600;word-break:break-all} .small{color:#57606a;font-size:.9rem;word-break:break-all}
                button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.75rem;cursor:pointer}
                .approve{background:#1f6feb;color:#fff;border:1px solid #1f6feb;border-radius:6px}
                .deny{background:#fff;border:1px solid #8c959f;border-radius:6px}
                </style></head>
                <body>
                <h1>Allow access to Databricks?</h1>
                <p>The application <span class="who">%s</span> wants to access Databricks <strong>as you</strong>,
                through Lakegate.</p>
                <p class="small">Client ID: %s</p>
                <p>If you allow it, you will sign in at your identity provider and then be sent to
                <span class="who">%s</span>.</p>
                <p>The application asks to:</p>
                <ul>%s</ul>
                <p class="small">The application chose its own name. Only allow it if you started this sign-in and
                expected to be sent to the address above.</p>
                <form method="post" action="%s">
                <input type="hidden" name="pending" value="%s">
                <input type="hidden" name="csrf" value="%s">
                <button type="submit" name="decision" value="%s" class="approve">Approve</button>
                <button type="submit" name="decision" value="%s" class="deny">Deny</button>
                </form>
                </body></html>
                """.formatted(
                        escape(who),
                        escape(clientId),
                        escape(redirectHost),
                        scopeItems,
                        escape(OAuthPaths.CONSENT),
                        escape(pendingId),
                        escape(csrfToken),
                        APPROVE,
                        DENY);
        return protectedPage(ServerResponse.ok())
                .contentType(MediaType.TEXT_HTML)
                .cookie(csrfCookie)
                .bodyValue(html);
    }

    /** A refused consent answer: a 400 page, never a redirect (the request may not come from the user's browser). */
    static Mono<ServerResponse> refused(String reason) {
        return ErrorPage.render(HttpStatus.BAD_REQUEST, null, reason);
    }

    static ServerResponse.BodyBuilder protectedPage(ServerResponse.BodyBuilder b) {
        // no-referrer: the page's URL carries the client's authorize request, which the IdP has no business seeing
        return b.cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .header("Content-Security-Policy", CSP)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    /**
     * {@code host:port} of a redirect URI, the port only when the URI names one (a custom scheme such as
     * {@code cursor://anysphere.cursor-mcp/...} has a host and no port; an https URI without one uses 443).
     */
    static String hostAndPort(URI uri) {
        String host = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        if (host == null) {
            return uri.getScheme() + ":";
        }
        return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
    }

    /** For HTML text and double- or single-quoted attribute values alike. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
