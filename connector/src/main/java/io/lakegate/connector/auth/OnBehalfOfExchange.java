package io.lakegate.connector.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.OnBehalfOfParameters;
import com.microsoft.aad.msal4j.UserAssertion;
import io.lakegate.connector.databricks.DatabricksCredentialsException;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import java.net.MalformedURLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Entra ID on-behalf-of with msal4j: the user assertion is exchanged for a token whose audience is Azure Databricks
 * ({@code 2ff814a6-.../.default}). msal4j is blocking, so every call runs on the bounded identity-provider scheduler
 * (msal4j itself gets a caller-runs executor, so no second pool is involved). One {@link ConfidentialClientApplication}
 * per (authority, client id); msal4j's own token cache is skipped because the connector caches per user and must be
 * able to force a fresh exchange after Databricks answered 401.
 */
public class OnBehalfOfExchange implements TokenExchange {

    public static final String MODE = "obo";

    private final AuthProperties.Obo settings;
    private final Duration timeout;
    private final Environment environment;
    private final Scheduler scheduler;
    private final IHttpClient httpClient;
    private final Map<String, ConfidentialClientApplication> apps = new ConcurrentHashMap<>();

    /** @param httpClient msal4j transport override (proxies, tests), or null for msal4j's default */
    public OnBehalfOfExchange(
            AuthProperties properties, Environment environment, Scheduler scheduler, IHttpClient httpClient) {
        this.settings = properties.obo();
        this.timeout = properties.exchange().timeout();
        this.environment = environment;
        this.scheduler = scheduler;
        this.httpClient = httpClient;
    }

    @Override
    public String workspaceMode() {
        return MODE;
    }

    @Override
    public Mono<ExchangedToken> exchange(CallerIdentity caller, Workspace workspace, String assertion) {
        return Mono.fromCallable(() -> acquire(workspace, assertion)).subscribeOn(scheduler);
    }

    private ExchangedToken acquire(Workspace workspace, String assertion) {
        OnBehalfOfParameters parameters = OnBehalfOfParameters.builder(
                        Set.of(settings.scope()), new UserAssertion(assertion))
                .skipCache(true)
                .build();
        try {
            ConfidentialClientApplication app = app(workspace);
            IAuthenticationResult result =
                    app.acquireToken(parameters).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            Instant expires = result.expiresOnDate() == null
                    ? null
                    : result.expiresOnDate().toInstant();
            Duration left = expires == null ? null : Duration.between(Instant.now(), expires);
            return new ExchangedToken(result.accessToken(), left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(workspace, "interrupted");
        } catch (TimeoutException e) {
            throw failure(workspace, "timeout");
        } catch (ExecutionException | CompletionException e) {
            throw translate(workspace, e.getCause() == null ? e : e.getCause());
        } catch (MsalException e) {
            throw translate(workspace, e);
        }
    }

    private DatabricksCredentialsException translate(Workspace workspace, Throwable cause) {
        // msal4j reports a refused or broken connection as an MsalException without an error code: say what it is
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return new DatabricksCredentialsException("the identity provider could not be reached for the "
                        + "on-behalf-of token exchange of workspace '" + workspace.name() + "' (error: "
                        + "identity_provider_unreachable); retry in a moment.");
            }
        }
        if (cause instanceof MsalException msal) {
            String code = msal.errorCode() == null || msal.errorCode().isBlank() ? "unknown_error" : msal.errorCode();
            return failure(workspace, code);
        }
        return failure(workspace, "identity_provider_unreachable");
    }

    private static DatabricksCredentialsException failure(Workspace workspace, String code) {
        String hint = "interaction_required".equals(code)
                ? " The user must sign in again (e.g. for multi-factor authentication or a Conditional Access policy)."
                : "";
        return new DatabricksCredentialsException("the identity provider refused the on-behalf-of token exchange for "
                + "workspace '" + workspace.name() + "' (error: " + code + ")." + hint);
    }

    private ConfidentialClientApplication app(Workspace workspace) {
        String tenant = workspace.identity().tenantId();
        String authority = settings.authority().replace("{tenantId}", tenant == null ? "organizations" : tenant);
        String clientId =
                workspace.identity().clientId() != null ? workspace.identity().clientId() : settings.clientId();
        if (clientId == null || clientId.isBlank()) {
            throw new DatabricksCredentialsException("workspace '" + workspace.name()
                    + "' has no identity.clientId and lakegate.auth.obo.client-id is not set");
        }
        String secret = secret(workspace);
        return apps.computeIfAbsent(
                authority + "|" + clientId + "|" + workspace.identity().clientSecretEnv(),
                key -> build(authority, clientId, secret));
    }

    private String secret(Workspace workspace) {
        String variable = workspace.identity().clientSecretEnv();
        String secret = variable != null ? environment.getProperty(variable) : settings.clientSecret();
        if (secret == null || secret.isBlank()) {
            throw new DatabricksCredentialsException("no client secret for the on-behalf-of exchange of workspace '"
                    + workspace.name() + "'"
                    + (variable != null
                            ? " (environment variable " + variable + " is empty)"
                            : " (set identity.clientSecretEnv or lakegate.auth.obo.client-secret)"));
        }
        return secret;
    }

    private ConfidentialClientApplication build(String authority, String clientId, String secret) {
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication.builder(
                            clientId, ClientCredentialFactory.createFromSecret(secret))
                    .executorService(new CallerRunsExecutorService())
                    .logPii(false);
            if (settings.oidcAuthority()) {
                builder.oidcAuthority(authority);
            } else {
                builder.authority(authority);
            }
            if (httpClient != null) {
                builder.httpClient(httpClient);
            }
            return builder.build();
        } catch (MalformedURLException e) {
            throw new DatabricksCredentialsException("lakegate.auth.obo.authority is not a valid URL");
        }
    }
}
