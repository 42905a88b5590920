package io.lakegate.connector.oauth;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Token store calls block (the DynamoDB client is synchronous): never on the event loop, and not on Reactor's shared
 * boundedElastic either, where any library's long blocking reads (an SSE stream, a slow upstream) could leave a
 * sign-in waiting in the queue behind them.
 */
final class Blocking {

    private static final Scheduler TOKEN_STORE = Schedulers.newBoundedElastic(
            4 * Runtime.getRuntime().availableProcessors(), 10_000, "lakegate-token-store", 60, true);

    private Blocking() {
    }

    static <T> Mono<T> call(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(TOKEN_STORE);
    }

    static Mono<Void> run(Runnable run) {
        return Mono.fromRunnable(run).subscribeOn(TOKEN_STORE).then();
    }
}
