package io.lakegate.connector.mcp;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * MCP sessions as Lakegate sees them: who created each one, when it was last used, and which ids have ended
 * (DELETE or idle eviction). Spring AI's transport keeps sessions until shutdown and never binds them to a user; this
 * registry closes both gaps at the edge, and asks the transport to drop the ended session ({@code onEnded}).
 */
public class McpSessionRegistry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(McpSessionRegistry.class);

    /** What the registry knows about a presented session id. */
    public sealed interface Lookup {
        record Owned(String owner) implements Lookup {
        }

        record Ended(String reason) implements Lookup {
        }

        record Unknown() implements Lookup {
        }
    }

    private record Entry(String owner, long[] lastSeenMillis) {
    }

    private final Map<String, Entry> live = new ConcurrentHashMap<>();
    private final Cache<String, String> ended;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Consumer<String> onEnded;
    private final ScheduledExecutorService sweeper;

    public McpSessionRegistry(Duration idleTimeout, Duration tombstoneTtl, Clock clock, Consumer<String> onEnded) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
        this.onEnded = onEnded;
        this.ended = Caffeine.newBuilder().expireAfterWrite(tombstoneTtl).maximumSize(1_000_000).build();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mcp-session-sweeper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, idleTimeout.toMillis() / 4);
        sweeper.scheduleWithFixedDelay(this::evictIdle, period, period, TimeUnit.MILLISECONDS);
    }

    public void register(String sessionId, String owner) {
        live.put(sessionId, new Entry(owner, new long[] {clock.millis()}));
    }

    public Lookup lookup(String sessionId) {
        Entry entry = live.get(sessionId);
        if (entry != null) {
            return new Lookup.Owned(entry.owner());
        }
        String reason = ended.getIfPresent(sessionId);
        return reason == null ? new Lookup.Unknown() : new Lookup.Ended(reason);
    }

    public void touch(String sessionId) {
        Entry entry = live.get(sessionId);
        if (entry != null) {
            entry.lastSeenMillis()[0] = clock.millis();
        }
    }

    /** Ends a session (DELETE by its owner); later requests with its id get 404. */
    public void terminate(String sessionId, String reason) {
        if (live.remove(sessionId) != null) {
            ended.put(sessionId, reason);
            notifyEnded(sessionId);
        }
    }

    public int liveSessions() {
        return live.size();
    }

    void evictIdle() {
        long cutoff = clock.millis() - idleTimeout.toMillis();
        live.forEach((id, entry) -> {
            if (entry.lastSeenMillis()[0] < cutoff && live.remove(id, entry)) {
                ended.put(id, "expired after " + idleTimeout.toSeconds() + " s idle");
                notifyEnded(id);
            }
        });
    }

    private void notifyEnded(String sessionId) {
        try {
            onEnded.accept(sessionId);
        } catch (RuntimeException e) {
            log.warn("Could not release ended MCP session in the transport: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
    }
}
