package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** JWT bearers from a trusted issuer (JWKS served over real HTTP), token federation, emulator tokens, request log. */
class IdentityTest {

    static final String AZURE_DATABRICKS = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";
    static final String ISSUER = "https://login.example.test/tenant/v2.0";
    static final AtomicInteger JWKS_FETCHES = new AtomicInteger();

    static RSAKey key;
    static RSAKey otherKey;
    static DisposableServer jwks;
    static DatabricksEmulator emu;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        String jwkSet = new JWKSet(key.toPublicJWK()).toString();
        jwks = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(r -> r.get("/keys", (req, res) -> {
                    JWKS_FETCHES.incrementAndGet();
                    return res.header("Content-Type", "application/json")
                            .sendString(reactor.core.publisher.Mono.just(jwkSet));
                }))
                .bindNow();
        emu = DatabricksEmulator.start(EmulatorConfig.defaults());
        emu.trustIssuer(ISSUER, "http://127.0.0.1:" + jwks.port() + "/keys", AZURE_DATABRICKS);
        http = new Http(emu.baseUrl());
    }

    @AfterAll
    static void stop() {
        emu.close();
        jwks.disposeNow();
    }

    static String jwt(RSAKey signer, String issuer, List<String> aud, Instant exp, String claim, String user)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(aud)
                .subject("00000000-sub")
                .expirationTime(Date.from(exp))
                .issueTime(new Date())
                .claim(claim, user)
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signer.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    static String valid(String claim, String user) throws Exception {
        return jwt(
                key,
                ISSUER,
                List.of("api://other", AZURE_DATABRICKS),
                Instant.now().plusSeconds(600),
                claim,
                user);
    }

    @Test
    void jwtBearersIdentifyTheUserFromUpnOrPreferredUsername() throws Exception {
        Http.Response r = http.get("/api/2.0/preview/scim/v2/Me", valid("upn", "alice@lakegate.dev"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("userName").asString()).isEqualTo("alice@lakegate.dev");
        Http.Response b = http.get("/api/2.1/unity-catalog/catalogs", valid("preferred_username", "bob@lakegate.dev"));
        assertThat(b.body().get("catalogs").size()).isEqualTo(1);
        // fetched over HTTP once and then served from the cache (a failed signature may trigger one refresh)
        assertThat(JWKS_FETCHES.get()).isBetween(1, 3);
    }

    @Test
    void badJwtsAre401AndUnknownUsers403() throws Exception {
        String wrongAud =
                jwt(key, ISSUER, List.of("api://other"), Instant.now().plusSeconds(600), "upn", "alice@lakegate.dev");
        assertThat(http.get("/api/2.0/preview/scim/v2/Me", wrongAud).status()).isEqualTo(401);
        String expired = jwt(
                key, ISSUER, List.of(AZURE_DATABRICKS), Instant.now().minusSeconds(600), "upn", "alice@lakegate.dev");
        Http.Response exp = http.get("/api/2.0/preview/scim/v2/Me", expired);
        assertThat(exp.status()).isEqualTo(401);
        assertThat(exp.body().get("message").asString()).contains("expired");
        assertThat(exp.headers().firstValue("WWW-Authenticate")).isPresent();
        String forged = jwt(
                otherKey,
                ISSUER,
                List.of(AZURE_DATABRICKS),
                Instant.now().plusSeconds(600),
                "upn",
                "alice@lakegate.dev");
        assertThat(http.get("/api/2.0/preview/scim/v2/Me", forged).status()).isEqualTo(401);
        String untrusted = jwt(
                key,
                "https://evil.example.test",
                List.of(AZURE_DATABRICKS),
                Instant.now().plusSeconds(600),
                "upn",
                "alice@lakegate.dev");
        Http.Response u = http.get("/api/2.0/preview/scim/v2/Me", untrusted);
        assertThat(u.status()).isEqualTo(401);
        assertThat(u.body().get("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(u.raw()).doesNotContain(untrusted);
        Http.Response stranger = http.get("/api/2.0/preview/scim/v2/Me", valid("upn", "mallory@lakegate.dev"));
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.body().get("error_code").asString()).isEqualTo("PERMISSION_DENIED");
    }

    static String form(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Test
    void tokenFederationExchangesATrustedJwtForAWorkspaceToken() throws Exception {
        Http.Response r = http.postForm(
                "/oidc/v1/token",
                form(
                        "grant_type",
                        "urn:ietf:params:oauth:grant-type:token-exchange",
                        "subject_token",
                        valid("email", "carol@lakegate.dev"),
                        "subject_token_type",
                        "urn:ietf:params:oauth:token-type:jwt",
                        "scope",
                        "all-apis"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(r.body().get("scope").asString()).isEqualTo("all-apis");
        assertThat(r.body().get("expires_in").asLong()).isBetween(1L, 600L);
        String token = r.body().get("access_token").asString();
        assertThat(http.get("/api/2.0/preview/scim/v2/Me", token)
                        .body()
                        .get("userName")
                        .asString())
                .isEqualTo("carol@lakegate.dev");

        Http.Response grant = http.postForm("/oidc/v1/token", form("grant_type", "client_credentials"));
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.body().get("error").asString()).isEqualTo("unsupported_grant_type");
        assertThat(grant.body().has("error_description")).isTrue();
        Http.Response bad = http.postForm(
                "/oidc/v1/token",
                form(
                        "grant_type",
                        "urn:ietf:params:oauth:grant-type:token-exchange",
                        "subject_token",
                        "eyJhbGciOi.garbage.sig"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("error").asString()).isEqualTo("invalid_grant");
        Http.Response missing =
                http.postForm("/oidc/v1/token", form("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"));
        assertThat(missing.body().get("error").asString()).isEqualTo("invalid_request");
        Http.Response meta = http.get("/oidc/.well-known/oauth-authorization-server", null);
        assertThat(meta.body().get("token_endpoint").asString()).isEqualTo(emu.baseUrl() + "/oidc/v1/token");
    }

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String WORKLOAD_ISSUER = "https://token.actions.example.test";
    static final String WORKLOAD_AUDIENCE = "https://github.com/lakegate";
    static final String WORKLOAD = "repo:lakegate/ci:environment:prod";

    /** A JWT with its own {@code sub}, also naming a user in {@code upn} (which a service-principal policy ignores). */
    static String workloadJwt(String issuer, String audience, String subject, String upn) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .issueTime(new Date())
                .claim("upn", upn)
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static Http.Response exchange(String subjectToken, String clientId) {
        return http.postForm(
                "/oidc/v1/token",
                clientId == null
                        ? form(
                                "grant_type",
                                TOKEN_EXCHANGE,
                                "subject_token",
                                subjectToken,
                                "subject_token_type",
                                "urn:ietf:params:oauth:token-type:jwt",
                                "scope",
                                "all-apis")
                        : form(
                                "grant_type",
                                TOKEN_EXCHANGE,
                                "subject_token",
                                subjectToken,
                                "subject_token_type",
                                "urn:ietf:params:oauth:token-type:jwt",
                                "scope",
                                "all-apis",
                                "client_id",
                                clientId));
    }

    @Test
    void exchangeNamingAServicePrincipalActsAsTheServicePrincipalNotTheUser() throws Exception {
        String sp = "6f1e0c2a-9b3d-4e5f-8a7b-1c2d3e4f5a6b";
        emu.trustServicePrincipal(
                sp, WORKLOAD_ISSUER, "http://127.0.0.1:" + jwks.port() + "/keys", WORKLOAD_AUDIENCE, WORKLOAD);
        Http.Response r = exchange(workloadJwt(WORKLOAD_ISSUER, WORKLOAD_AUDIENCE, WORKLOAD, "alice@lakegate.dev"), sp);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().get("token_type").asString()).isEqualTo("Bearer");
        String token = r.body().get("access_token").asString();
        Instant start = Instant.now();

        Http.Response me = http.get("/api/2.0/preview/scim/v2/Me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("userName").asString()).isEqualTo(sp);
        assertThat(me.body().has("emails")).isFalse();
        // a fresh service principal: a workspace member that sees nothing of what alice (named in upn) may see
        Http.Response catalogs = http.get("/api/2.1/unity-catalog/catalogs", token);
        assertThat(catalogs.status()).isEqualTo(200);
        assertThat(catalogs.body().path("catalogs").size()).isZero();
        Http.Response warehouses = http.get("/api/2.0/sql/warehouses", token);
        assertThat(warehouses.status()).isEqualTo(200);
        assertThat(warehouses.body().path("warehouses").size()).isZero();
        assertThat(emu.requests())
                .filteredOn(q -> !q.at().isBefore(start) && q.path().equals("/api/2.1/unity-catalog/catalogs"))
                .extracting(q -> q.user())
                .containsExactly(sp);

        // the policy trusts its issuer for this service principal only: not as bearers, not for per-user exchanges
        String workload = workloadJwt(WORKLOAD_ISSUER, WORKLOAD_AUDIENCE, WORKLOAD, "alice@lakegate.dev");
        assertThat(http.get("/api/2.0/preview/scim/v2/Me", workload).status()).isEqualTo(401);
        Http.Response asUser = exchange(workload, null);
        assertThat(asUser.status()).isEqualTo(400);
        assertThat(asUser.body().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void exchangeNamingAServicePrincipalWithoutAMatchingPolicyIsInvalidGrant() throws Exception {
        String sp = "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d";
        emu.trustServicePrincipal(
                sp, WORKLOAD_ISSUER, "http://127.0.0.1:" + jwks.port() + "/keys", WORKLOAD_AUDIENCE, WORKLOAD);
        // a user JWT the account-wide policy accepts (see the exchange without client_id below) matches no SP policy
        String userJwt = valid("upn", "alice@lakegate.dev");
        String unknownSp = "11111111-2222-3333-4444-555555555555";
        Map<String, Http.Response> refused = new LinkedHashMap<>();
        refused.put(unknownSp, exchange(userJwt, unknownSp));
        refused.put(sp + " (user JWT)", exchange(userJwt, sp));
        refused.put(
                sp + " (other subject)",
                exchange(
                        workloadJwt(
                                WORKLOAD_ISSUER,
                                WORKLOAD_AUDIENCE,
                                "repo:lakegate/ci:environment:dev",
                                "alice@lakegate.dev"),
                        sp));
        refused.put(
                sp + " (other audience)",
                exchange(workloadJwt(WORKLOAD_ISSUER, "https://github.com/other", WORKLOAD, "alice@lakegate.dev"), sp));
        refused.forEach((what, r) -> {
            assertThat(r.status()).as(what).isEqualTo(400);
            assertThat(r.body().get("error").asString()).as(what).isEqualTo("invalid_grant");
            String id = what.split(" ")[0];
            assertThat(r.body().get("error_description").asString())
                    .as(what)
                    .startsWith("No federation policy of service principal " + id + " matches the subject token");
            assertThat(r.raw()).as(what).doesNotContain(userJwt);
        });

        // without client_id the account-wide policy applies: the same JWT stands for its user
        Http.Response asUser = exchange(userJwt, null);
        assertThat(asUser.status()).isEqualTo(200);
        assertThat(http.get(
                                "/api/2.0/preview/scim/v2/Me",
                                asUser.body().get("access_token").asString())
                        .body()
                        .get("userName")
                        .asString())
                .isEqualTo("alice@lakegate.dev");
    }

    @Test
    void emulatorTokensExpireAndUnknownUsersCannotGetOne() {
        String shortLived = emu.issueToken("bob@lakegate.dev", Duration.ofMillis(1));
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(http.get("/api/2.1/unity-catalog/catalogs", shortLived).status())
                .isEqualTo(401);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> emu.issueToken("mallory@lakegate.dev"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestLogRecordsUserTraceparentAndStatus() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(emu.baseUrl() + "/api/2.1/unity-catalog/catalogs"))
                        .header("traceparent", traceparent)
                        .GET(),
                emu.issueToken("alice@lakegate.dev"));
        assertThat(emu.requests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/api/2.1/unity-catalog/catalogs");
            assertThat(r.user()).isEqualTo("alice@lakegate.dev");
            assertThat(r.traceparent()).isEqualTo(traceparent);
            assertThat(r.status()).isEqualTo(200);
        });
    }
}
