package io.lakegate.demo.idp;

import java.util.Map;

/**
 * The demo identity provider's sign-in page: self-contained (inline style, no scripts, fonts or images), so it works
 * without the internet. The form has no action: the browser posts it to the authorize URL it is on, query string
 * included, which is what mock-oauth2-server's login handler reads the authorization request from.
 */
final class SignInPage {

    // default-src 'none' covers fonts, images and scripts: the page loads nothing. No form-action: browsers apply it to
    // the redirects after the post too (back to the connector, then to the MCP client), which it would block.
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

    private SignInPage() {}

    /**
     * @param typed what the user typed last time, or null
     * @param problem why that was refused, or null
     */
    static String render(Map<String, String> users, String typed, String problem) {
        StringBuilder items = new StringBuilder();
        for (Map.Entry<String, String> user : users.entrySet()) {
            items.append("<li><code>")
                    .append(escape(user.getKey()))
                    .append("</code> &mdash; ")
                    .append(escape(user.getValue()))
                    .append("</li>\n");
        }
        String error = problem == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(problem) + "</p>\n";
        String first = users.keySet().iterator().next();
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in to the Lakegate demo</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}
                input{font-size:1rem;padding:.4rem;width:100%%;box-sizing:border-box;margin:.25rem 0 .75rem}
                button{font-size:1rem;padding:.5rem 1.25rem;background:#1f6feb;color:#fff;border:1px solid #1f6feb;
                border-radius:6px;cursor:pointer} .small{color:#57606a;font-size:.9rem}
                .error{background:#ffebe9;border:1px solid #ff8182;border-radius:6px;padding:.5rem .75rem}
                </style></head>
                <body>
                <h1>Sign in to the Lakegate demo</h1>
                <p class="small">Demo identity provider playing Entra ID. There are no passwords: the user name is who
                Databricks sees.</p>
                %s<form method="post">
                <label for="username">User name</label>
                <input id="username" name="username" type="text" required autofocus autocomplete="username"
                 placeholder="%s" value="%s">
                <button type="submit">Sign in</button>
                </form>
                <p>Demo users:</p>
                <ul>
                %s</ul>
                </body></html>
                """.formatted(error, escape(first), escape(typed), items);
    }

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
