package io.lakegate.demo.check;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.function.Consumer;

/**
 * A user's walk through an MCP sign-in in a browser, from the authorize URL an MCP client opens to the redirect back
 * to that client: approve on the connector's consent page, sign in on the identity provider's page, follow every
 * redirect in between. Shared by {@code --check} and the e2e tests whose real MCP clients open this "browser".
 */
public final class SignInWalk {

    private static final int MAX_HOPS = 10;

    private SignInWalk() {}

    /**
     * @param redirectUri the client's redirect URI: the walk stops at the first redirect to it, without loading it
     * @param step told each step, for the log
     * @param beforeSigningIn sees the identity provider's form before the walk submits it as {@code user}
     * @return the redirect back to the client (carrying code or error, state and iss)
     */
    public static URI walk(
            Browser browser,
            URI authorize,
            String user,
            String redirectUri,
            Consumer<String> step,
            Consumer<Browser.Form> beforeSigningIn) {
        URI next = authorize;
        HttpResponse<String> r = browser.get(next);
        boolean consented = false;
        boolean signedIn = false;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (r.statusCode() == 302 || r.statusCode() == 303) {
                next = Browser.location(r, "sign-in");
                if (next.toString().startsWith(redirectUri)) {
                    if (!consented || !signedIn) {
                        throw new CheckFailed("sent back to the client before " + (consented ? "signing in" : "consent")
                                + ": " + next);
                    }
                    return next;
                }
                r = browser.get(next);
            } else if (!consented && Browser.Form.hasButton(r, "decision", "approve")) {
                Browser.Form form = Browser.Form.of(r, "consent page");
                form.fields().put("decision", "approve");
                step.accept("approving on the consent page " + r.uri().getPath());
                r = browser.postForm(form.action(), form.fields());
                consented = true;
            } else if (consented && !signedIn) {
                Browser.Form form = Browser.Form.of(r, "identity provider sign-in page");
                if (!form.fields().containsKey("username")) {
                    throw new CheckFailed(
                            "the identity provider's page has no user name field: " + Browser.describe(r));
                }
                beforeSigningIn.accept(form);
                form.fields().put("username", user);
                step.accept("signing in as " + user + " at " + r.uri().getHost() + ":"
                        + r.uri().getPort());
                r = browser.postForm(form.action(), form.fields());
                signedIn = true;
            } else {
                throw new CheckFailed("unexpected page during sign-in: " + Browser.describe(r));
            }
        }
        throw new CheckFailed(
                "no redirect back to the client after " + MAX_HOPS + " steps; last: " + Browser.describe(r));
    }
}
