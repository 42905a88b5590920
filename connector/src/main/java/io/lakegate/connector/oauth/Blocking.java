package io.lakegate.connector.oauth;

import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Token store calls block (the DynamoDB client is synchronous): never on the event loop, and not on Reactor's shared
 * boundedElastic either, where any library's long blocking reads (an SSE stream, a slow upstream) could leave a
 * sign-in waiting in the queue behind them.
 */
final class Blocking {

    private static final Scheduler TOKEN_STORE = Schedulers.newBoundedElastic(
            4 * Runtime.getRuntime().availableProcessors(), 10_000, "lakegate-token-store", 60, true);
    /**
     * The JDK resolver blocks, and the host names of client ID metadata documents are chosen by unauthenticated
     * callers, who can make every lookup wait for an unresponsive name server: their own pool, so that only those
     * fetches queue, never a sign-in's token store call. A full queue refuses the fetch.
     */
    private static final Scheduler NAME_LOOKUPS = Schedulers.newBoundedElastic(
            2 * Runtime.getRuntime().availableProcessors(), 1_000, "lakegate-client-metadata-dns", 60, true);

    private Blocking() {}

    static <T> Mono<T> call(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(TOKEN_STORE).onErrorMap(SdkException.class, Blocking::storeDown);
    }

    static Mono<Void> run(Runnable run) {
        return Mono.fromRunnable(run)
                .subscribeOn(TOKEN_STORE)
                .then()
                .onErrorMap(SdkException.class, Blocking::storeDown);
    }

    /**
     * DynamoDB unreachable or failing (the SDK has already retried): a sign-in or refresh cannot be stored or checked
     * now, which the client is told as such (503 {@code temporarily_unavailable}), not as a 500 or an invalid grant.
     * Nothing is lost: the client retries, and the store's state is what it was.
     */
    private static OAuthError storeDown(Throwable e) {
        return new OAuthError(
                "temporarily_unavailable",
                "the sign-in store is unreachable; retry in a few seconds",
                HttpStatus.SERVICE_UNAVAILABLE);
    }

    static <T> Mono<T> lookup(Callable<T> lookup) {
        return Mono.fromCallable(lookup).subscribeOn(NAME_LOOKUPS);
    }
}
