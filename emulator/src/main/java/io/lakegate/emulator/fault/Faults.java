package io.lakegate.emulator.fault;

import io.lakegate.emulator.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Fault injection per endpoint pattern, for REST and MCP alike. A pattern is {@code "METHOD /path"} where the path may
 * use {@code *} for any run of characters (slashes included) and the method may be {@code *}; a bare path matches every
 * method. Rules apply in the order added: throttles first, then error rates, then latencies (a delayed call can still
 * fail). Error rates are deterministic: with rate r, call n of a rule fails when floor(n*r) grows, so 0.2 fails every
 * fifth call and 1.0 every call.
 */
public final class Faults {

    private sealed interface Rule permits Latency, ErrorRate, Throttle {
        Matcher matcher();
    }

    private record Latency(Matcher matcher, Duration delay) implements Rule {}

    private record ErrorRate(Matcher matcher, double rate, int status, String errorCode, AtomicLong calls)
            implements Rule {}

    private record Throttle(Matcher matcher, AtomicInteger remaining, Duration retryAfter) implements Rule {}

    private record Matcher(String method, Pattern path) {
        boolean matches(String m, String p) {
            return (method == null || method.equals(m)) && path.matcher(p).matches();
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    /** SHA-256 of every bearer the workspace has accepted (never the token itself), so they can be made stale later. */
    private final Set<String> acceptedTokens = ConcurrentHashMap.newKeySet();

    private final Map<String, TokenRejection> staleTokens = new ConcurrentHashMap<>();
    private static final int MAX_TRACKED_TOKENS = 100_000;

    /** Delays every matching request by {@code delay} without blocking a thread. */
    public Faults latency(String pattern, Duration delay) {
        requireNonNegative(delay);
        rules.add(new Latency(parse(pattern), delay));
        return this;
    }

    /** Fails the given fraction of matching requests with {@code status} and the matching Databricks error_code. */
    public Faults errorRate(String pattern, double rate, int status) {
        return errorRate(pattern, rate, status, null);
    }

    /**
     * Like {@link #errorRate(String, double, int)} with a chosen {@code error_code}, for answers that differ only by
     * code: a 404 {@code ENDPOINT_NOT_FOUND} (an API missing or disabled on the workspace) is not a 404
     * {@code RESOURCE_DOES_NOT_EXIST} (the object is missing).
     */
    public Faults errorRate(String pattern, double rate, int status, String errorCode) {
        if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate must be in [0, 1], got " + rate);
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be a 4xx or 5xx code, got " + status);
        }
        rules.add(new ErrorRate(parse(pattern), rate, status, errorCode, new AtomicLong()));
        return this;
    }

    /**
     * The next {@code count} matching requests get 429 REQUEST_LIMIT_EXCEEDED with {@code Retry-After} in whole seconds;
     * a null {@code retryAfter} sends no Retry-After header (real Databricks sometimes omits it).
     */
    public Faults throttle(String pattern, int count, Duration retryAfter) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (retryAfter != null) {
            requireNonNegative(retryAfter);
        }
        rules.add(new Throttle(parse(pattern), new AtomicInteger(count), retryAfter));
        return this;
    }

    /**
     * Every bearer token the workspace has accepted so far is refused from now on, as invalid or expired, in the shape
     * {@code as}; tokens first seen later (a client that fetched a fresh one) still work. Unlike an error rate this
     * cannot be passed by simply repeating the call: only a new token gets through.
     */
    public Faults expireTokensInUse(TokenRejection as) {
        if (as == null) {
            throw new IllegalArgumentException("a rejection shape is required");
        }
        acceptedTokens.forEach(hash -> staleTokens.put(hash, as));
        return this;
    }

    /** Called by the authenticator first: the refusal for a token made stale by {@link #expireTokensInUse}, if any. */
    public ApiException refusalOf(String bearer, Instant now) {
        TokenRejection rejection = staleTokens.isEmpty() ? null : staleTokens.get(sha256(bearer));
        return rejection == null ? null : rejection.error(now);
    }

    /** Called by the authenticator once a bearer was accepted. */
    public void accepted(String bearer) {
        if (acceptedTokens.size() < MAX_TRACKED_TOKENS) {
            acceptedTokens.add(sha256(bearer));
        }
    }

    /** Removes every rule; tokens made stale work again. */
    public Faults clear() {
        rules.clear();
        staleTokens.clear();
        return this;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Runs {@code next} under the rules matching this request. */
    public <T> Mono<T> apply(String method, String path, Supplier<Mono<T>> next) {
        return Mono.defer(() -> {
            Duration delay = Duration.ZERO;
            for (Rule r : rules) {
                if (!r.matcher().matches(method, path)) {
                    continue;
                }
                if (r instanceof Throttle t && t.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return Mono.error(new ApiException(
                            429,
                            "REQUEST_LIMIT_EXCEEDED",
                            "The RPC token bucket limit has been exceeded. Please retry after the indicated time.",
                            t.retryAfter()));
                }
            }
            for (Rule r : rules) {
                if (r instanceof ErrorRate e && e.matcher().matches(method, path)) {
                    long n = e.calls().incrementAndGet();
                    if (Math.floor(n * e.rate()) > Math.floor((n - 1) * e.rate())) {
                        return Mono.error(
                                e.errorCode() == null
                                        ? injected(e.status())
                                        : new ApiException(
                                                e.status(), e.errorCode(), "Injected fault: " + e.errorCode() + "."));
                    }
                }
                if (r instanceof Latency l && l.matcher().matches(method, path)) {
                    delay = delay.plus(l.delay());
                }
            }
            return delay.isZero() ? next.get() : Mono.delay(delay).then(Mono.defer(next));
        });
    }

    private static ApiException injected(int status) {
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "RESOURCE_DOES_NOT_EXIST";
            case 409 -> "RESOURCE_CONFLICT";
            case 429 -> "REQUEST_LIMIT_EXCEEDED";
            case 500 -> "INTERNAL_ERROR";
            case 501 -> "NOT_IMPLEMENTED";
            case 503 -> "TEMPORARILY_UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> "UNKNOWN";
        };
        return new ApiException(status, code, "Injected fault: the service answered " + status + ".");
    }

    private static Matcher parse(String pattern) {
        String p = pattern.trim();
        String method = null;
        int space = p.indexOf(' ');
        if (space > 0) {
            method = p.substring(0, space).toUpperCase(Locale.ROOT);
            p = p.substring(space + 1).trim();
            if (method.equals("*")) {
                method = null;
            }
        }
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("pattern must be 'METHOD /path' or '/path', got '" + pattern + "'");
        }
        StringBuilder re = new StringBuilder();
        for (String part : p.split("\\*", -1)) {
            if (re.length() > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        // Pattern.quote of an empty piece yields \Q\E, harmless; a leading '*' would have been rejected above.
        return new Matcher(method, Pattern.compile(re.toString()));
    }

    private static void requireNonNegative(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("duration must be >= 0, got " + d);
        }
    }
}
