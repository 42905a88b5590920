package io.lakegate.connector.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class RateLimitsTest {

    private final Map<RateLimitScope, Integer> rejections = new EnumMap<>(RateLimitScope.class);

    private RateLimits limits(RateLimitProperties props) {
        return new RateLimits(props, scope -> rejections.merge(scope, 1, Integer::sum));
    }

    private static RateLimitProperties props(int replicas) {
        RateLimitProperties p = new RateLimitProperties();
        p.setReplicas(replicas);
        p.setWindow(Duration.ofSeconds(2));
        p.setSustainedWindows(3);
        p.setUser(new RateLimitProperties.Limit(0, 0));
        p.setClient(new RateLimitProperties.Limit(20, 50));
        p.setWorkspace(new RateLimitProperties.Limit(12, 0));
        p.setTool(new RateLimitProperties.Limit(0, 0));
        return p;
    }

    /** Outcome of each of {@code n} calls: null = allowed, else the refusal. */
    private static List<RateLimitExceededException> run(int n, java.util.function.Supplier<Mono<String>> call) {
        List<RateLimitExceededException> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(call.get()
                    .map(ok -> java.util.Optional.<RateLimitExceededException>empty())
                    .onErrorResume(RateLimitExceededException.class, e -> Mono.just(java.util.Optional.of(e)))
                    .block()
                    .orElse(null));
        }
        return out;
    }

    @Test
    void oauthClientGetsItsLimitPlusFiftyPercentBurstThen429WithRetryTime() {
        RateLimits limits = limits(props(1));

        List<RateLimitExceededException> results =
                run(40, () -> limits.limitRequest("alice", "claude", Mono.just("ok")));

        long allowed = results.stream().filter(r -> r == null).count();
        assertThat(allowed).isEqualTo(30); // 20 per window + 50 % burst headroom
        RateLimitExceededException refusal = results.get(30);
        assertThat(refusal.scope()).isEqualTo(RateLimitScope.CLIENT);
        assertThat(refusal.getMessage())
                .startsWith("Rate limit for OAuth client 'claude' exceeded (30 calls per 2000 ms");
        assertThat(refusal.retryAfter()).get().matches(d -> !d.isNegative() && d.compareTo(Duration.ofSeconds(2)) <= 0);
        assertThat(refusal.retryAfterSeconds()).isBetween(1L, 2L);
        assertThat(rejections).containsEntry(RateLimitScope.CLIENT, 10);
        // another client of the same user is counted separately
        assertThat(run(5, () -> limits.limitRequest("alice", "cursor", Mono.just("ok"))))
                .containsOnlyNulls();
    }

    @Test
    void aUserOverItsOwnLimitDoesNotSpendTheSharedClientBudget() {
        RateLimitProperties p = props(1);
        p.setUser(new RateLimitProperties.Limit(5, 0)); // 5 per user and window; the client: 30 with burst
        RateLimits limits = limits(p);

        List<RateLimitExceededException> alice =
                run(40, () -> limits.limitRequest("alice", "shared-app", Mono.just("ok")));
        List<RateLimitExceededException> bob = run(30, () -> limits.limitRequest("bob", "shared-app", Mono.just("ok")));

        assertThat(alice.stream().filter(r -> r == null).count()).isEqualTo(5);
        assertThat(alice.get(5).scope()).isEqualTo(RateLimitScope.USER);
        // alice's 35 refused requests cost the client nothing: 30 - 5 permits left, of which bob's own limit takes 5
        assertThat(bob.stream().filter(r -> r == null).count()).isEqualTo(5);
        assertThat(bob.get(5).scope()).isEqualTo(RateLimitScope.USER);
        assertThat(rejections).doesNotContainKey(RateLimitScope.CLIENT);
        assertThat(run(20, () -> limits.limitRequest("carol", "shared-app", Mono.just("ok"))).stream()
                        .filter(r -> r == null)
                        .count())
                .isEqualTo(5);
    }

    @Test
    void sustainedRateIsCappedAcrossWindowsEvenWithBurstHeadroom() throws InterruptedException {
        RateLimitProperties p = props(1);
        p.setWindow(Duration.ofSeconds(1));
        p.setSustainedWindows(2); // 20 per window sustained = 40 per 2 s, burst 30 per window
        RateLimits limits = limits(p);

        long first = run(40, () -> limits.limitRequest("bob", "agent", Mono.just("ok"))).stream()
                .filter(r -> r == null)
                .count();
        Thread.sleep(1100); // next burst window, same sustained window
        List<RateLimitExceededException> second = run(40, () -> limits.limitRequest("bob", "agent", Mono.just("ok")));

        assertThat(first).isEqualTo(30);
        assertThat(second.stream().filter(r -> r == null).count()).isEqualTo(10); // 40 - 30, not another 30
        assertThat(second.get(10).getMessage()).contains("(40 calls per 2000 ms");
    }

    @Test
    void fleetFigureIsDividedByTheReplicaCount() {
        RateLimits limits = limits(props(3)); // 12 per workspace fleet-wide -> 4 per replica

        List<RateLimitExceededException> results =
                run(6, () -> limits.limitToolCall("demo", "list_catalogs", Mono.just("ok")));

        assertThat(results.subList(0, 4)).containsOnlyNulls();
        assertThat(results.get(4).scope()).isEqualTo(RateLimitScope.WORKSPACE);
        assertThat(results.get(4).getMessage()).contains("workspace 'demo'").contains("(4 calls per");
    }

    @Test
    void perToolOverrideLimitsOneToolOnly() {
        RateLimitProperties p = props(1);
        p.setWorkspace(new RateLimitProperties.Limit(0, 0));
        p.getTools().put("proxy_to_sql", new RateLimitProperties.Limit(2, 0));
        RateLimits limits = limits(p);

        assertThat(run(3, () -> limits.limitToolCall("demo", "proxy_to_sql", Mono.just("ok")))
                        .get(2)
                        .scope())
                .isEqualTo(RateLimitScope.TOOL);
        assertThat(run(10, () -> limits.limitToolCall("demo", "list_catalogs", Mono.just("ok"))))
                .containsOnlyNulls();
    }

    @Test
    void disabledLimitsLetEverythingThrough() {
        RateLimitProperties p = props(1);
        p.setEnabled(false);
        assertThat(run(100, () -> limits(p).limitRequest("alice", "claude", Mono.just("ok"))))
                .containsOnlyNulls();
    }

    @Test
    void refusedCallIsNeverSubscribed() {
        RateLimits limits = limits(props(3));
        int[] executed = {0};
        run(
                10,
                () -> limits.limitToolCall("demo", "t", Mono.fromSupplier(() -> {
                    executed[0]++;
                    return "ok";
                })));
        assertThat(executed[0]).isEqualTo(4);
    }
}
