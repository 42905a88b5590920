package io.lakegate.emulator.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Verifies JWTs from trusted issuers (an IdP such as Entra ID, or a federation source): RS256/ES256 signature against the
 * issuer's JWKS, {@code iss}, {@code exp} and an {@code aud} containing the configured audience. The user is the first of
 * {@code upn}, {@code preferred_username}, {@code email}, else {@code sub}. Service-principal federation policies also
 * pin {@code sub} and apply only to exchanges naming their service principal. JWKS documents are cached by Nimbus;
 * because a cache miss fetches over the network, every verification runs on a bounded scheduler, never on an event
 * loop.
 */
public final class JwtAuthenticator {

    private record Issuer(String issuer, String audience, DefaultJWTProcessor<SecurityContext> processor) {}

    private final Map<String, Issuer> issuers = new ConcurrentHashMap<>();
    private final Map<String, List<Issuer>> servicePrincipalPolicies = new ConcurrentHashMap<>();
    private final Scheduler blocking;

    public JwtAuthenticator(Scheduler blocking) {
        this.blocking = blocking;
    }

    public void trust(String issuer, String jwksUri, String audience) {
        issuers.put(issuer, new Issuer(issuer, audience, processor(issuer, jwksUri, audience, null)));
    }

    /**
     * A service-principal federation policy: a JWT from {@code issuer} whose {@code aud} contains {@code audience} and
     * whose {@code sub} is {@code subject} (the workload identity) may be exchanged for a token of that service
     * principal.
     * Kept apart from {@link #trust}: such a policy makes the issuer trusted only for exchanges naming the service
     * principal, never for bearers or account-wide (per-user) exchanges.
     */
    public void trustForServicePrincipal(
            String applicationId, String issuer, String jwksUri, String audience, String subject) {
        servicePrincipalPolicies
                .computeIfAbsent(key(applicationId), k -> new CopyOnWriteArrayList<>())
                .add(new Issuer(issuer, audience, processor(issuer, jwksUri, audience, subject)));
    }

    private static DefaultJWTProcessor<SecurityContext> processor(
            String issuer, String jwksUri, String audience, String subject) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(
                            URI.create(jwksUri).toURL(), new DefaultResourceRetriever(2000, 2000, 1 << 20))
                    .retrying(false)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid JWKS URI " + jwksUri, e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(issuer);
        if (subject != null) {
            exact.subject(subject);
        }
        processor.setJWTClaimsSetVerifier(
                new DefaultJWTClaimsVerifier<>(Set.of(audience), exact.build(), Set.of("exp"), null));
        return processor;
    }

    private static String key(String applicationId) {
        return applicationId.toLowerCase(Locale.ROOT);
    }

    public static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2 && token.startsWith("ey");
    }

    /** The verified user name, or an error: 401 UNAUTHENTICATED with a message that never repeats the token. */
    public Mono<String> verify(String token) {
        return Mono.fromCallable(() -> verifyBlocking(token)).subscribeOn(blocking);
    }

    /** Verifies a subject token for the token-exchange endpoint; same rules as bearer JWTs. */
    public Mono<JWTClaimsSet> verifyClaims(String token) {
        return Mono.fromCallable(() -> claims(token)).subscribeOn(blocking);
    }

    /**
     * Verifies a subject token against the federation policies of service principal {@code applicationId}; fails with
     * 401 UNAUTHENTICATED saying why none matched (never repeating the token).
     */
    public Mono<JWTClaimsSet> verifyForServicePrincipal(String applicationId, String token) {
        return Mono.fromCallable(() -> servicePrincipalClaims(applicationId, token))
                .subscribeOn(blocking);
    }

    private JWTClaimsSet servicePrincipalClaims(String applicationId, String token) {
        List<Issuer> policies = servicePrincipalPolicies.getOrDefault(key(applicationId), List.of());
        if (policies.isEmpty()) {
            throw Authenticator.unauthenticated("The service principal has no federation policy.");
        }
        SignedJWT jwt = parse(token);
        String iss = issuerOf(jwt);
        RuntimeException last =
                Authenticator.unauthenticated("The token's issuer is not the issuer of any of its policies.");
        for (Issuer policy : policies) {
            if (policy.issuer().equals(iss)) {
                try {
                    return process(policy, jwt);
                } catch (RuntimeException e) {
                    last = e;
                }
            }
        }
        throw last;
    }

    private String verifyBlocking(String token) {
        String user = userOf(claims(token));
        if (user == null) {
            throw Authenticator.unauthenticated(
                    "The token carries no user claim (upn, preferred_username, email or sub).");
        }
        return user;
    }

    /** The user a verified token stands for: upn, preferred_username, email, else sub; null if none is set. */
    public static String userOf(JWTClaimsSet claims) {
        for (String claim : new String[] {"upn", "preferred_username", "email", "sub"}) {
            Object v = claims.getClaim(claim);
            if (v instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    private JWTClaimsSet claims(String token) {
        SignedJWT jwt = parse(token);
        String iss = issuerOf(jwt);
        Issuer issuer = iss == null ? null : issuers.get(iss);
        if (issuer == null) {
            throw Authenticator.unauthenticated("Token issuer is not trusted by this workspace.");
        }
        return process(issuer, jwt);
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw Authenticator.unauthenticated("Invalid access token.");
        }
    }

    private static String issuerOf(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw Authenticator.unauthenticated("Invalid access token.");
        }
    }

    private static JWTClaimsSet process(Issuer issuer, SignedJWT jwt) {
        try {
            return issuer.processor().process(jwt, null);
        } catch (BadJWTException e) {
            Date exp = expiry(jwt);
            if (exp != null && exp.before(new Date())) {
                throw Authenticator.unauthenticated("Token is expired.");
            }
            throw Authenticator.unauthenticated("Invalid access token: " + e.getMessage());
        } catch (Exception e) {
            throw Authenticator.unauthenticated("Invalid access token: signature or key could not be verified.");
        }
    }

    private static Date expiry(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet().getExpirationTime();
        } catch (ParseException e) {
            return null;
        }
    }
}
