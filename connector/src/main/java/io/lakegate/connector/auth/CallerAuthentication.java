package io.lakegate.connector.auth;

import io.lakegate.connector.identity.CallerIdentity;
import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An authenticated MCP request whose principal is the {@link CallerIdentity}. The bearer travels inside the identity
 * (for the exchanges), not as credentials here, so nothing generic in Spring Security ever renders it.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final CallerIdentity caller;

    public CallerAuthentication(CallerIdentity caller, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public CallerIdentity getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.subject();
    }
}
