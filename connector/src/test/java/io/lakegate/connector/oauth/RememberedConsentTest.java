package io.lakegate.connector.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class RememberedConsentTest {

    static final byte[] KEY = ProxySigningKey.generate().derive("lakegate consent cookie v1");
    final RememberedConsent consents = new RememberedConsent(KEY, Duration.ofDays(30), true);

    static MultiValueMap<String, HttpCookie> jar(ResponseCookie... cookies) {
        MultiValueMap<String, HttpCookie> jar = new LinkedMultiValueMap<>();
        for (ResponseCookie c : cookies) {
            if (c != null) {
                jar.add(c.getName(), new HttpCookie(c.getName(), c.getValue()));
            }
        }
        return jar;
    }

    @Test
    void anApprovalCoversExactlyThatClientAndRedirectUri() {
        ResponseCookie cookie = consents.approve(jar(), "client-a", "https://a.example/cb");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(cookie.getPath()).isEqualTo("/oauth");
        assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(cookie.getValue()).doesNotContain("client-a");

        assertThat(consents.covers(jar(cookie), "client-a", "https://a.example/cb"))
                .isTrue();
        assertThat(consents.covers(jar(cookie), "client-a", "https://a.example/other"))
                .isFalse();
        assertThat(consents.covers(jar(cookie), "client-b", "https://a.example/cb"))
                .isFalse();
        // the boundary between client_id and redirect URI cannot be moved
        assertThat(consents.tag("ab", "c")).isNotEqualTo(consents.tag("a", "bc"));
    }

    @Test
    void tagsUnderAnotherKeyOrForgedOnesDoNotCount() {
        RememberedConsent otherKey =
                new RememberedConsent(ProxySigningKey.generate().derive("x"), Duration.ofDays(1), true);
        ResponseCookie foreign = otherKey.approve(jar(), "client-a", "https://a.example/cb");
        assertThat(consents.covers(jar(foreign), "client-a", "https://a.example/cb"))
                .isFalse();
        assertThat(consents.covers(
                        jar(ResponseCookie.from(RememberedConsent.COOKIE, "client-a")
                                .build()),
                        "client-a",
                        "https://a.example/cb"))
                .isFalse();
    }

    @Test
    void approvalsAccumulateNewestFirstUpToTheCap() {
        ResponseCookie cookie = null;
        for (int i = 0; i < RememberedConsent.MAX_TAGS + 5; i++) {
            cookie = consents.approve(jar(cookie), "client-" + i, "https://a.example/cb");
        }
        assertThat(cookie.getValue().split("\\.")).hasSize(RememberedConsent.MAX_TAGS);
        assertThat(consents.covers(jar(cookie), "client-" + (RememberedConsent.MAX_TAGS + 4), "https://a.example/cb"))
                .isTrue();
        assertThat(consents.covers(jar(cookie), "client-5", "https://a.example/cb"))
                .isTrue();
        assertThat(consents.covers(jar(cookie), "client-4", "https://a.example/cb"))
                .as("the oldest dropped")
                .isFalse();
        // approving a remembered client again does not duplicate it
        assertThat(consents.approve(jar(cookie), "client-5", "https://a.example/cb")
                        .getValue()
                        .split("\\."))
                .hasSize(RememberedConsent.MAX_TAGS)
                .startsWith(consents.tag("client-5", "https://a.example/cb"));
    }

    @Test
    void zeroRemembersNothing() {
        RememberedConsent never = new RememberedConsent(KEY, Duration.ZERO, true);
        assertThat(never.approve(jar(), "client-a", "https://a.example/cb")).isNull();
        ResponseCookie cookie = consents.approve(jar(), "client-a", "https://a.example/cb");
        assertThat(never.covers(jar(cookie), "client-a", "https://a.example/cb"))
                .isFalse();
    }

    @Test
    void overHttpsTheCsrfCookieIsAHostOnlyCookie() {
        ResponseCookie https = consents.csrfCookie("token");
        assertThat(https.getName()).isEqualTo("__Host-lakegate_consent_csrf");
        assertThat(https.isSecure()).isTrue();
        assertThat(https.getPath()).isEqualTo("/");
        assertThat(https.getDomain()).isNull();
        assertThat(https.getSameSite()).isEqualTo("Strict");
        ResponseCookie http = new RememberedConsent(KEY, Duration.ofDays(1), false).csrfCookie("token");
        assertThat(http.getName()).isEqualTo("lakegate_consent_csrf");
        assertThat(http.isSecure()).isFalse();
        assertThat(http.getPath()).isEqualTo("/oauth");
    }
}
