package io.lakegate.connector.oauth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenStore} guarantees. {@link #replica()} is a second store over the same state (another
 * connector replica); for the in-memory store it is the same instance.
 */
abstract class TokenStoreContract {

    static final Instant LATER = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    static final Instant EARLIER = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

    TokenStore store;
    TokenStore replica;
    ExecutorService threads;

    abstract TokenStore newStore();

    abstract TokenStore replica();

    @BeforeEach
    void setUp() {
        store = newStore();
        replica = replica();
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static AuthorizationCode code(Instant expiresAt) {
        return new AuthorizationCode(
                "client-1", "http://127.0.0.1:1/cb", "challenge", "https://lakegate/mcp", "mcp:tools", id(), expiresAt);
    }

    static Grant grant(String grantId, Instant expiresAt) {
        return new Grant(
                grantId,
                "oid-alice",
                "alice@lakegate.dev",
                "client-1",
                "mcp:tools",
                "https://lakegate/mcp",
                new UpstreamTokens(
                        "upstream-access-" + grantId, "upstream-refresh-" + grantId, "upstream-id-" + grantId, LATER),
                expiresAt);
    }

    @Test
    void clientRegistrationIsFoundByItsIdOnAnyReplica() {
        ClientRegistration client = new ClientRegistration(
                id(), "Claude", List.of("https://claude.ai/cb"), Instant.parse("2026-12-04T05:00:00Z"), null);
        store.saveClient(client);
        assertThat(replica.findClient(client.clientId())).contains(client);
        assertThat(replica.findClient(id())).isEmpty();
    }

    @Test
    void expiredClientMetadataIsAbsent() {
        ClientRegistration cached = new ClientRegistration(
                "https://app.example/client.json",
                null,
                List.of("https://app.example/cb"),
                EARLIER,
                EARLIER.plusSeconds(1));
        store.saveClient(cached);
        assertThat(store.findClient(cached.clientId())).isEmpty();
    }

    @Test
    void aRegistrationPastItsIdleEndIsAbsentAndSavingItWithALaterEndRevivesIt() {
        ClientRegistration idle = new ClientRegistration(
                id(), "Claude", List.of("https://claude.ai/cb"), EARLIER, EARLIER.plusSeconds(1));
        store.saveClient(idle);
        assertThat(replica.findClient(idle.clientId())).isEmpty();
        ClientRegistration extended =
                new ClientRegistration(idle.clientId(), idle.clientName(), idle.redirectUris(), idle.issuedAt(), LATER);
        store.saveClient(extended);
        assertThat(replica.findClient(idle.clientId())).contains(extended);
    }

    @Test
    void pendingAuthorizationIsTakenOnceOnAnotherReplica() {
        PendingAuthorization p = new PendingAuthorization(
                id(),
                "client-1",
                "http://127.0.0.1:1/cb",
                "s t+a/te",
                "challenge",
                "https://lakegate/mcp",
                "mcp:tools",
                "upstream-verifier",
                "csrf-hash",
                false,
                LATER);
        store.savePending(p);
        assertThat(replica.takePending(p.id())).contains(p);
        assertThat(store.takePending(p.id())).isEmpty();
        assertThat(store.takePending(id())).isEmpty();
    }

    @Test
    void expiredPendingAuthorizationIsAbsent() {
        PendingAuthorization p = new PendingAuthorization(
                id(),
                "client-1",
                "http://127.0.0.1:1/cb",
                null,
                "challenge",
                "https://lakegate/mcp",
                "mcp:tools",
                "v",
                null,
                true,
                EARLIER);
        store.savePending(p);
        assertThat(store.takePending(p.id())).isEmpty();
    }

    @Test
    void codeIsRedeemedAtMostOnce() {
        String code = id();
        AuthorizationCode c = code(LATER);
        store.saveCode(code, c);
        assertThat(replica.redeemCode(code)).isEqualTo(Redemption.redeemed(c));
        assertThat(store.redeemCode(code)).isEqualTo(Redemption.replayed(c));
        assertThat(replica.redeemCode(code)).isEqualTo(Redemption.replayed(c));
        assertThat(store.redeemCode(id())).isEqualTo(Redemption.invalid());
    }

    @Test
    void expiredCodeIsNotRedeemable() {
        String code = id();
        store.saveCode(code, code(EARLIER));
        assertThat(store.redeemCode(code)).isEqualTo(Redemption.invalid());
    }

    @Test
    void concurrentRedemptionOnTwoReplicasHasExactlyOneWinner() throws Exception {
        int rounds = 25;
        int winners = 0;
        for (int round = 0; round < rounds; round++) {
            String code = id();
            store.saveCode(code, code(LATER));
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Redemption<AuthorizationCode>>> attempts = new ArrayList<>();
            for (TokenStore s : List.of(store, replica)) {
                Callable<Redemption<AuthorizationCode>> redeem = () -> {
                    start.await(5, TimeUnit.SECONDS);
                    return s.redeemCode(code);
                };
                attempts.add(threads.submit(redeem));
            }
            List<Redemption.Outcome> outcomes = new ArrayList<>();
            for (Future<Redemption<AuthorizationCode>> attempt : attempts) {
                outcomes.add(attempt.get(10, TimeUnit.SECONDS).outcome());
            }
            assertThat(outcomes)
                    .as("round %d", round)
                    .containsExactlyInAnyOrder(Redemption.Outcome.REDEEMED, Redemption.Outcome.ALREADY_REDEEMED);
            int roundWinners = 1;
            winners += roundWinners;
        }
        assertThat(winners).isEqualTo(rounds);
    }

    @Test
    void refreshTokenWorksOnceAcrossReplicas() {
        String token = id();
        RefreshToken r = new RefreshToken(id(), "client-1", "mcp:tools", "https://lakegate/mcp", LATER);
        store.saveRefreshToken(token, r);
        assertThat(replica.redeemRefreshToken(token)).isEqualTo(Redemption.redeemed(r));
        assertThat(store.redeemRefreshToken(token)).isEqualTo(Redemption.replayed(r));
    }

    @Test
    void expiredRefreshTokenIsNotRedeemable() {
        String token = id();
        store.saveRefreshToken(token, new RefreshToken(id(), "client-1", "mcp:tools", "https://lakegate/mcp", EARLIER));
        assertThat(store.redeemRefreshToken(token)).isEqualTo(Redemption.invalid());
    }

    @Test
    void grantKeepsTheUpstreamTokensAndCanBeReplacedAndDeleted() {
        Grant g = grant(id(), LATER);
        store.saveGrant(g);
        assertThat(replica.findGrant(g.grantId())).contains(g);

        Grant refreshed = g.withUpstream(new UpstreamTokens("new-access", "new-refresh", null, LATER.plusSeconds(60)));
        replica.saveGrant(refreshed);
        assertThat(store.findGrant(g.grantId())).contains(refreshed);

        store.deleteGrant(g.grantId());
        assertThat(replica.findGrant(g.grantId())).isEmpty();
    }

    @Test
    void expiredGrantIsAbsent() {
        Grant g = grant(id(), EARLIER);
        store.saveGrant(g);
        assertThat(store.findGrant(g.grantId())).isEmpty();
    }

    @Test
    void issuedAccessTokenPointsAtItsGrantUntilItExpires() {
        IssuedAccessToken live = new IssuedAccessToken(id(), id(), LATER);
        IssuedAccessToken expired = new IssuedAccessToken(id(), id(), EARLIER);
        store.saveAccessToken(live);
        store.saveAccessToken(expired);
        assertThat(replica.findAccessToken(live.jti())).contains(live);
        assertThat(replica.findAccessToken(expired.jti())).isEmpty();
    }

    @Test
    void upstreamTokensNeverAppearInToString() {
        Grant g = grant("g-1", LATER);
        assertThat(g.toString()).doesNotContain("upstream-access-g-1", "upstream-refresh-g-1", "upstream-id-g-1");
    }
}
