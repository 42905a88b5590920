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
import java.util.List;
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
    jwks = HttpServer.create().host("127.0.0.1").port(0)
        .route(r -> r.get("/keys", (req, res) -> {
          JWKS_FETCHES.incrementAndGet();
          return res.header("Content-Type", "application/json").sendString(reactor.core.publisher.Mono.just(jwkSet));
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
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(aud).subject("00000000-sub")
        .expirationTime(Date.from(exp)).issueTime(new Date()).claim(claim, user).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID())
        .type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(signer));
    return jwt.serialize();
  }

  static String valid(String claim, String user) throws Exception {
    return jwt(key, ISSUER, List.of("api://other", AZURE_DATABRICKS), Instant.now().plusSeconds(600), claim, user);
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
    String wrongAud = jwt(key, ISSUER, List.of("api://other"), Instant.now().plusSeconds(600), "upn", "alice@lakegate.dev");
    assertThat(http.get("/api/2.0/preview/scim/v2/Me", wrongAud).status()).isEqualTo(401);
    String expired = jwt(key, ISSUER, List.of(AZURE_DATABRICKS), Instant.now().minusSeconds(600), "upn",
        "alice@lakegate.dev");
    Http.Response exp = http.get("/api/2.0/preview/scim/v2/Me", expired);
    assertThat(exp.status()).isEqualTo(401);
    assertThat(exp.body().get("message").asString()).contains("expired");
    assertThat(exp.headers().firstValue("WWW-Authenticate")).isPresent();
    String forged = jwt(otherKey, ISSUER, List.of(AZURE_DATABRICKS), Instant.now().plusSeconds(600), "upn",
        "alice@lakegate.dev");
    assertThat(http.get("/api/2.0/preview/scim/v2/Me", forged).status()).isEqualTo(401);
    String untrusted = jwt(key, "https://evil.example.test", List.of(AZURE_DATABRICKS), Instant.now().plusSeconds(600),
        "upn", "alice@lakegate.dev");
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
    Http.Response r = http.postForm("/oidc/v1/token", form("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
        "subject_token", valid("email", "carol@lakegate.dev"),
        "subject_token_type", "urn:ietf:params:oauth:token-type:jwt", "scope", "all-apis"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("token_type").asString()).isEqualTo("Bearer");
    assertThat(r.body().get("scope").asString()).isEqualTo("all-apis");
    assertThat(r.body().get("expires_in").asLong()).isBetween(1L, 600L);
    String token = r.body().get("access_token").asString();
    assertThat(http.get("/api/2.0/preview/scim/v2/Me", token).body().get("userName").asString())
        .isEqualTo("carol@lakegate.dev");

    Http.Response grant = http.postForm("/oidc/v1/token", form("grant_type", "client_credentials"));
    assertThat(grant.status()).isEqualTo(400);
    assertThat(grant.body().get("error").asString()).isEqualTo("unsupported_grant_type");
    assertThat(grant.body().has("error_description")).isTrue();
    Http.Response bad = http.postForm("/oidc/v1/token", form("grant_type",
        "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", "eyJhbGciOi.garbage.sig"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("error").asString()).isEqualTo("invalid_grant");
    Http.Response missing = http.postForm("/oidc/v1/token", form("grant_type",
        "urn:ietf:params:oauth:grant-type:token-exchange"));
    assertThat(missing.body().get("error").asString()).isEqualTo("invalid_request");
    Http.Response meta = http.get("/oidc/.well-known/oauth-authorization-server", null);
    assertThat(meta.body().get("token_endpoint").asString()).isEqualTo(emu.baseUrl() + "/oidc/v1/token");
  }

  @Test
  void emulatorTokensExpireAndUnknownUsersCannotGetOne() {
    String shortLived = emu.issueToken("bob@lakegate.dev", Duration.ofMillis(1));
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(http.get("/api/2.1/unity-catalog/catalogs", shortLived).status()).isEqualTo(401);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> emu.issueToken("mallory@lakegate.dev"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestLogRecordsUserTraceparentAndStatus() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emu.baseUrl() + "/api/2.1/unity-catalog/catalogs"))
        .header("traceparent", traceparent).GET(), emu.issueToken("alice@lakegate.dev"));
    assertThat(emu.requests()).anySatisfy(r -> {
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.path()).isEqualTo("/api/2.1/unity-catalog/catalogs");
      assertThat(r.user()).isEqualTo("alice@lakegate.dev");
      assertThat(r.traceparent()).isEqualTo(traceparent);
      assertThat(r.status()).isEqualTo(200);
    });
  }
}
