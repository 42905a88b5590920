package io.lakegate.connector.auth;

import io.lakegate.connector.identity.CallerIdentity;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/**
 * Turns a validated inbound JWT into a {@link CallerAuthentication}: subject = {@code oid} (Entra object id, stable
 * across applications) else {@code sub}; client = {@code azp}, {@code appid} or {@code client_id}; scopes from
 * {@code scp} or {@code scope} (space-separated string or array), each also granted as authority {@code SCOPE_<s>}.
 */
public class JwtCallerConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        return Mono.just(new CallerAuthentication(
                caller(jwt),
                scopes(jwt).stream()
                        .map(s -> new SimpleGrantedAuthority("SCOPE_" + s))
                        .toList()));
    }

    public static CallerIdentity caller(Jwt jwt) {
        String subject = first(jwt, "oid", "sub");
        if (subject == null) {
            throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException(
                    "the token names no subject (oid or sub)");
        }
        String display = first(jwt, "upn", "preferred_username", "email", "name");
        return new CallerIdentity(
                subject,
                display != null ? display : subject,
                first(jwt, "azp", "appid", "client_id"),
                scopes(jwt),
                jwt.getTokenValue());
    }

    static Set<String> scopes(Jwt jwt) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String claim : List.of("scp", "scope")) {
            Object value = jwt.getClaims().get(claim);
            if (value instanceof String s) {
                Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isBlank()).forEach(scopes::add);
            } else if (value instanceof Collection<?> c) {
                c.stream().map(String::valueOf).filter(x -> !x.isBlank()).forEach(scopes::add);
            }
        }
        return scopes;
    }

    private static String first(Jwt jwt, String... claims) {
        for (String claim : claims) {
            Object v = jwt.getClaims().get(claim);
            if (v != null && !v.toString().isBlank()) {
                return v.toString();
            }
        }
        return null;
    }
}
