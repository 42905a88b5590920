package io.lakegate.connector.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Admission of {@link UserBulkheads}: the per-user cap, and the fair share once the replica is busy. */
class UserBulkheadsTest {

    private final List<Sinks.One<String>> running = new ArrayList<>();

    private static UserBulkheads bulkheads(int perUser, int replica) {
        DownstreamProperties.Bulkhead props = new DownstreamProperties.Bulkhead();
        props.setMaxConcurrentPerUser(perUser);
        props.setMaxConcurrent(replica);
        return new UserBulkheads(props);
    }

    /** Starts a call that stays in flight until its sink is completed; returns what it ended with so far. */
    private List<Object> start(UserBulkheads bulkheads, String user) {
        Sinks.One<String> sink = Sinks.one();
        running.add(sink);
        List<Object> outcome = new ArrayList<>();
        Disposable ignored = bulkheads.limit(user, sink.asMono()).subscribe(outcome::add, outcome::add);
        return outcome;
    }

    @Test
    void aUserOverHisOwnCapIsRefusedAtOnce() {
        UserBulkheads bulkheads = bulkheads(2, 0);
        start(bulkheads, "a");
        start(bulkheads, "a");
        assertThat(start(bulkheads, "a"))
                .singleElement()
                .isInstanceOf(UserConcurrencyExceededException.class)
                .extracting(e -> ((Throwable) e).getMessage())
                .asString()
                .contains("at most 2 at a time");
        assertThat(start(bulkheads, "b")).isEmpty();
        assertThat(bulkheads.inFlight()).isEqualTo(3);
    }

    @Test
    void onceTheReplicaIsBusyTheFloodingUserIsRefusedAndTheOtherStillAdmitted() {
        UserBulkheads bulkheads = bulkheads(8, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(start(bulkheads, "alice")).isEmpty();
        }
        // busy: alice holds 4 of 4, her share with bob is 2
        assertThat(start(bulkheads, "bob")).isEmpty();
        assertThat(start(bulkheads, "alice"))
                .singleElement()
                .isInstanceOf(UserConcurrencyExceededException.class)
                .extracting(e -> ((Throwable) e).getMessage())
                .asString()
                .contains("share");
        assertThat(start(bulkheads, "bob")).isEmpty();
        assertThat(start(bulkheads, "bob")).singleElement().isInstanceOf(UserConcurrencyExceededException.class);
        assertThat(bulkheads.inFlight()).isEqualTo(6);
    }

    @Test
    void finishedCallsGiveTheirPlaceBack() {
        UserBulkheads bulkheads = bulkheads(1, 0);
        List<Object> first = start(bulkheads, "a");
        assertThat(start(bulkheads, "a")).singleElement().isInstanceOf(UserConcurrencyExceededException.class);
        running.get(0).tryEmitValue("done");
        assertThat(first).containsExactly("done");
        assertThat(bulkheads.inFlight()).isZero();
        assertThat(start(bulkheads, "a")).isEmpty();
        Sinks.One<String> failing = running.get(running.size() - 1);
        failing.tryEmitError(new IllegalStateException("upstream failed"));
        assertThat(bulkheads.inFlight()).isZero();
    }

    @Test
    void aCancelledCallGivesItsPlaceBackOnce() {
        UserBulkheads bulkheads = bulkheads(1, 0);
        Disposable call = bulkheads.limit("a", Mono.never()).subscribe();
        assertThat(bulkheads.inFlight()).isEqualTo(1);
        call.dispose();
        call.dispose();
        assertThat(bulkheads.inFlight()).isZero();
    }
}
