package io.lakegate.connector.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.connector.databricks.DatabricksCredentialsException;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.lakegate.connector.workspace.SciPolicy;
import io.lakegate.connector.workspace.Workspace;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Cache rules of the per-user exchange: lifetime minus margin, failures not kept, invalidate, mode routing. */
class ExchangingDatabricksCredentialsTest {

    static final Workspace OBO =
            new Workspace("w", "http://127.0.0.1:1", "azure", "obo", SciPolicy.DEFAULT, List.of(), Optional.empty());
    static final CallerIdentity ALICE = new CallerIdentity("oid-alice", "alice", "client", Set.of(), "inbound");
    static final CallerIdentity BOB = new CallerIdentity("oid-bob", "bob", "client", Set.of(), "inbound");

    /** Issues token-1, token-2, ... with the given lifetime; fails while {@code failing} is set. */
    static final class CountingExchange implements TokenExchange {
        final AtomicInteger calls = new AtomicInteger();
        volatile Duration lifetime = Duration.ofHours(1);
        volatile boolean failing;

        @Override
        public String workspaceMode() {
            return "obo";
        }

        @Override
        public Mono<ExchangedToken> exchange(CallerIdentity caller, Workspace workspace, String assertion) {
            int n = calls.incrementAndGet();
            return failing
                    ? Mono.error(new DatabricksCredentialsException("refused (error: invalid_grant)"))
                    : Mono.just(new ExchangedToken(caller.subject() + "-token-" + n, lifetime));
        }
    }

    static ExchangingDatabricksCredentials credentials(CountingExchange exchange) {
        return new ExchangingDatabricksCredentials(
                List.of(exchange),
                new InboundTokenAssertionSource(),
                new AuthProperties.Exchange(Duration.ofSeconds(30), null, null, 0),
                new LakegateTelemetry(OpenTelemetry.noop()));
    }

    @Test
    void cachesPerUserUntilInvalidated() {
        CountingExchange exchange = new CountingExchange();
        ExchangingDatabricksCredentials credentials = credentials(exchange);
        assertThat(credentials.token(ALICE, OBO).block()).isEqualTo("oid-alice-token-1");
        assertThat(credentials.token(ALICE, OBO).block()).isEqualTo("oid-alice-token-1");
        assertThat(credentials.token(BOB, OBO).block()).isEqualTo("oid-bob-token-2");
        credentials.invalidate(ALICE, OBO);
        assertThat(credentials.token(ALICE, OBO).block()).isEqualTo("oid-alice-token-3");
        assertThat(credentials.refreshable()).isTrue();
    }

    @Test
    void tokenLivingShorterThanTheMarginIsNotReused() {
        CountingExchange exchange = new CountingExchange();
        exchange.lifetime = Duration.ofSeconds(20);
        ExchangingDatabricksCredentials credentials = credentials(exchange);
        credentials.token(ALICE, OBO).block();
        credentials.token(ALICE, OBO).block();
        assertThat(exchange.calls).hasValue(2);
    }

    @Test
    void failuresAreNotCached() {
        CountingExchange exchange = new CountingExchange();
        exchange.failing = true;
        ExchangingDatabricksCredentials credentials = credentials(exchange);
        assertThatThrownBy(() -> credentials.token(ALICE, OBO).block())
                .isInstanceOf(DatabricksCredentialsException.class)
                .hasMessageContaining("invalid_grant");
        exchange.failing = false;
        assertThat(credentials.token(ALICE, OBO).block()).isEqualTo("oid-alice-token-2");
    }

    @Test
    void devTokenWorkspacesAreRefusedInOauthMode() {
        Workspace dev = new Workspace(
                "d", "http://127.0.0.1:1", "azure", "dev-token", SciPolicy.DEFAULT, List.of(), Optional.empty());
        assertThatThrownBy(() ->
                        credentials(new CountingExchange()).token(ALICE, dev).block())
                .isInstanceOf(DatabricksCredentialsException.class)
                .hasMessageContaining("dev-token");
    }
}
