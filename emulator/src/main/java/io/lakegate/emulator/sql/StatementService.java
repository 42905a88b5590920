package io.lakegate.emulator.sql;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Runs statements for the Statement Execution API and the SQL MCP server: the blocking engine runs on a bounded
 * scheduler; the caller waits up to its wait timeout and otherwise gets the statement id to poll. Statements are kept
 * (most recent 10,000) so they can be polled and their result fetched again.
 */
public final class StatementService {

    private static final Logger log = LoggerFactory.getLogger(StatementService.class);
    private static final int KEEP = 10_000;

    private final SqlEngine engine;
    private final Scheduler blocking;
    private final Map<String, StatementRecord> statements =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, StatementRecord> eldest) {
                    return size() > KEEP;
                }
            });

    public StatementService(SqlEngine engine, Scheduler blocking) {
        this.engine = engine;
        this.blocking = blocking;
    }

    /**
     * Starts {@code request} and completes when it finished or {@code waitTimeout} passed (zero: at once). On timeout the
     * statement keeps running unless {@code cancelOnTimeout}.
     */
    public Mono<StatementRecord> submit(SqlEngine.Request request, Duration waitTimeout, boolean cancelOnTimeout) {
        StatementRecord rec = new StatementRecord(newId(), request.user());
        statements.put(rec.id(), rec);
        Sinks.Empty<Void> done = Sinks.empty();
        Mono.fromCallable(() -> {
                    rec.running();
                    return engine.execute(request);
                })
                .subscribeOn(blocking)
                .doOnNext(rec::succeeded)
                .onErrorResume(SqlFailure.class, f -> {
                    rec.failed(f);
                    return Mono.empty();
                })
                .onErrorResume(e -> {
                    log.warn("statement {} failed unexpectedly: {}", rec.id(), e.toString());
                    rec.failed(new SqlFailure(
                            "INTERNAL_ERROR", "[INTERNAL_ERROR] The statement failed on the server.", "XX000"));
                    return Mono.empty();
                })
                .doFinally(s -> done.tryEmitEmpty())
                .subscribe();
        if (waitTimeout.isZero()) {
            return Mono.just(rec);
        }
        return done.asMono()
                .timeout(waitTimeout, Mono.fromRunnable(() -> {
                    if (cancelOnTimeout) {
                        rec.cancel();
                    }
                }))
                .thenReturn(rec);
    }

    public Optional<StatementRecord> find(String id, String user) {
        return Optional.ofNullable(statements.get(id)).filter(r -> r.user().equalsIgnoreCase(user));
    }

    public java.util.List<ExecutedWrite> executedWrites() {
        return engine.executedWrites();
    }

    private static String newId() {
        String u = UUID.randomUUID().toString();
        return "01f0" + u.substring(4);
    }
}
