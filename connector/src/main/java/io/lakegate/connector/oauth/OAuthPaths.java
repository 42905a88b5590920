package io.lakegate.connector.oauth;

/** Paths of the OAuth proxy; all of them are served by the proxy's own security filter chain. */
public final class OAuthPaths {

    public static final String METADATA = "/.well-known/oauth-authorization-server";
    public static final String AUTHORIZE = "/oauth/authorize";
    public static final String CONSENT = "/oauth/consent";
    public static final String CALLBACK = "/oauth/callback";
    public static final String TOKEN = "/oauth/token";
    public static final String REGISTER = "/oauth/register";
    public static final String JWKS = "/oauth/jwks";

    private OAuthPaths() {}
}
