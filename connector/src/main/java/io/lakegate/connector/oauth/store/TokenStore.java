package io.lakegate.connector.oauth.store;

import java.util.Optional;

/**
 * State of the OAuth proxy: client registrations, sign-ins in progress, authorization codes, refresh tokens, grants
 * (with the upstream tokens) and issued access tokens. Blocking: callers run it off the event loop. Expired items
 * read as absent. The {@code redeem}/{@code take} methods succeed at most once per item, also across replicas.
 */
public interface TokenStore {

    void saveClient(ClientRegistration client);

    Optional<ClientRegistration> findClient(String clientId);

    void savePending(PendingAuthorization pending);

    /** Removes and returns the pending sign-in; a second take of the same id is empty. */
    Optional<PendingAuthorization> takePending(String id);

    void saveCode(String code, AuthorizationCode authorizationCode);

    /** Marks the code redeemed; exactly one caller gets {@code REDEEMED}, later ones {@code ALREADY_REDEEMED}. */
    Redemption<AuthorizationCode> redeemCode(String code);

    void saveRefreshToken(String token, RefreshToken refreshToken);

    /** Marks the refresh token used (rotation); as {@link #redeemCode(String)}. */
    Redemption<RefreshToken> redeemRefreshToken(String token);

    void saveGrant(Grant grant);

    Optional<Grant> findGrant(String grantId);

    void deleteGrant(String grantId);

    void saveAccessToken(IssuedAccessToken accessToken);

    Optional<IssuedAccessToken> findAccessToken(String jti);
}
