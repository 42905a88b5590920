package io.lakegate.connector.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The small rules the endpoints rely on: redirect URIs, PKCE, scopes, redirect query encoding. */
class OAuthRulesTest {

    @Test
    void redirectUrisAreHttpsOrLoopbackHttpWithoutFragment() {
        assertThat(RedirectUris.isAcceptable("https://claude.ai/api/mcp/auth_callback"))
                .isTrue();
        assertThat(RedirectUris.isAcceptable("http://127.0.0.1:33418/callback")).isTrue();
        assertThat(RedirectUris.isAcceptable("http://localhost:6274/oauth/callback"))
                .isTrue();
        assertThat(RedirectUris.isAcceptable("http://[::1]:8080/cb")).isTrue();
        assertThat(RedirectUris.isAcceptable("http://example.com/cb")).isFalse();
        assertThat(RedirectUris.isAcceptable("http://127.0.0.1.evil.example/cb"))
                .isFalse();
        assertThat(RedirectUris.isAcceptable("https://claude.ai/cb#x")).isFalse();
        assertThat(RedirectUris.isAcceptable("javascript:alert(1)")).isFalse();
        assertThat(RedirectUris.isAcceptable("/relative")).isFalse();
    }

    @Test
    void redirectQueryValuesAreEncodedAndAppended() {
        assertThat(RedirectUris.withQuery("https://app/cb?x=1", "code", "a+b", "state", "s t&u", "iss", null))
                .isEqualTo("https://app/cb?x=1&code=a%2Bb&state=s+t%26u");
    }

    @Test
    void pkceS256MatchesTheRfc7636Example() {
        // RFC 7636 appendix B
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assertThat(Pkce.challenge(verifier)).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(Pkce.matches(verifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"))
                .isTrue();
        assertThat(Pkce.matches("short", Pkce.challenge("short"))).isFalse();
        assertThat(Pkce.matches(null, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"))
                .isFalse();
        assertThat(Pkce.isValidChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"))
                .isTrue();
        assertThat(Pkce.isValidChallenge(verifier + "x")).isFalse();
    }

    @Test
    void scopeDefaultsToTheSupportedOnesAndRefusesOthers() {
        assertThat(AuthorizationEndpoint.grantedScope(null, List.of("mcp:tools")))
                .isEqualTo("mcp:tools");
        assertThat(AuthorizationEndpoint.grantedScope(" mcp:tools ", List.of("mcp:tools")))
                .isEqualTo("mcp:tools");
        assertThatThrownBy(() -> AuthorizationEndpoint.grantedScope("mcp:tools admin", List.of("mcp:tools")))
                .isInstanceOfSatisfying(
                        OAuthError.class, e -> assertThat(e.error()).isEqualTo("invalid_scope"));
    }

    @Test
    void signingKeyFromPemPublishesOnlyThePublicPart() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder()
                        .encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ProxySigningKey key = ProxySigningKey.fromPem(pem, "k1");
        assertThat(key.rsaKey().getKeyID()).isEqualTo("k1");
        assertThat(key.publicJwkSet().getKeys())
                .singleElement()
                .satisfies(k -> assertThat(k.isPrivate()).isFalse());
        assertThatThrownBy(() -> ProxySigningKey.fromPem("not a key", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
