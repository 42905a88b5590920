package io.lakegate.connector.oauth.store;

import java.time.Instant;

/**
 * A sign-in in progress: the client's authorize request, parked first while the user answers Lakegate's consent page
 * and then while the user signs in at the upstream identity provider. Each phase has its own random id (the first
 * is shown in the consent page, the second is the {@code state} sent upstream) and is taken exactly once.
 *
 * @param state the client's own state, passed back unchanged (may be null)
 * @param upstreamCodeVerifier Lakegate's PKCE verifier towards the upstream IdP (short-lived; never leaves the store)
 * @param consentCsrfHash while awaiting consent: SHA-256 of the CSRF token the consent page was served with (the
 *        browser holds it in a cookie), so only the browser that saw the page can answer it; null once consented
 * @param consented the user approved this client (on the page or by a remembered consent); the callback refuses a
 *        pending sign-in without it, so the consent phase's id cannot be used as the upstream state
 */
public record PendingAuthorization(
        String id,
        String clientId,
        String redirectUri,
        String state,
        String codeChallenge,
        String resource,
        String scope,
        String upstreamCodeVerifier,
        String consentCsrfHash,
        boolean consented,
        Instant expiresAt) {

    /** The same request, approved, under a new id for the upstream sign-in. */
    public PendingAuthorization approved(String newId, Instant newExpiry) {
        return new PendingAuthorization(
                newId,
                clientId,
                redirectUri,
                state,
                codeChallenge,
                resource,
                scope,
                upstreamCodeVerifier,
                null,
                true,
                newExpiry);
    }

    @Override
    public String toString() {
        return "PendingAuthorization[clientId=" + clientId + ", redirectUri=" + redirectUri + ", consented=" + consented
                + ", expiresAt=" + expiresAt + "]";
    }
}
