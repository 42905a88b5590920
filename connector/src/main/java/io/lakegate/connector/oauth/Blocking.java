package io.lakegate.connector.oauth;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Token store calls block (the DynamoDB client is synchronous): never on the event loop. */
final class Blocking {

    private Blocking() {
    }

    static <T> Mono<T> call(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    static Mono<Void> run(Runnable run) {
        return Mono.fromRunnable(run).subscribeOn(Schedulers.boundedElastic()).then();
    }
}
