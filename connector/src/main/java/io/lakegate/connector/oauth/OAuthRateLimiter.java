package io.lakegate.connector.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Requests per client address on one group of the open OAuth endpoints: they need no credentials and each one stores
 * something (a registration, a pending sign-in) or costs a store round trip, so one caller must not be able to loop
 * them. One resilience4j limiter per address, in a cache bounded in size and forgetting addresses idle for a period
 * (which equals a refill), so that a caller with many addresses cannot grow it; at worst, past the bound, it makes the
 * cache forget other addresses' counts early. IPv6 addresses count per /64, the block a single host or customer
 * usually gets, or one host could use 2^64 addresses.
 */
final class OAuthRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(OAuthRateLimiter.class);

    private final String name;
    private final RateLimiterConfig config;
    private final Cache<String, AtomicRateLimiter> byAddress;

    /** @param permits per {@code period} and address; {@code <= 0} = unlimited */
    OAuthRateLimiter(String name, int permits, Duration period, long maxAddresses) {
        this.name = name;
        this.config = permits <= 0
                ? null
                : RateLimiterConfig.custom()
                        .limitForPeriod(permits)
                        .limitRefreshPeriod(period)
                        .timeoutDuration(Duration.ZERO)
                        .build();
        this.byAddress = Caffeine.newBuilder()
                .maximumSize(maxAddresses)
                .expireAfterAccess(period)
                .build();
    }

    /** Empty when {@code address} may go on, else how long until it may. */
    Optional<Duration> acquire(String address) {
        if (config == null) {
            return Optional.empty();
        }
        AtomicRateLimiter limiter = byAddress.get(address, a -> new AtomicRateLimiter(name + "/" + a, config));
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        return Optional.of(
                Duration.ofNanos(Math.max(limiter.getDetailedMetrics().getNanosToWait(), 1)));
    }

    long trackedAddresses() {
        byAddress.cleanUp();
        return byAddress.estimatedSize();
    }

    /**
     * {@code handler} behind this limit; over it, a 429 with {@code Retry-After}: an RFC 6749 style JSON error for
     * the endpoints clients call, a small HTML page for the pages browsers show.
     */
    HandlerFunction<ServerResponse> protect(HandlerFunction<ServerResponse> handler, boolean browserPage) {
        return request -> {
            String address = clientAddress(request);
            Optional<Duration> wait = acquire(address);
            if (wait.isEmpty()) {
                return handler.handle(request);
            }
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            log.debug("{} rate limit exceeded by {}", name, address);
            return tooManyRequests(seconds, browserPage);
        };
    }

    private static Mono<ServerResponse> tooManyRequests(long retryAfterSeconds, boolean browserPage) {
        String description = "too many requests from this address; retry in " + retryAfterSeconds + " s";
        ServerResponse.BodyBuilder response = ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .cacheControl(CacheControl.noStore());
        if (browserPage) {
            return ConsentPage.protectedPage(response)
                    .contentType(MediaType.TEXT_HTML)
                    .bodyValue(ErrorPage.tooManyRequestsHtml(description));
        }
        return response.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("error", "too_many_requests", "error_description", description));
    }

    /**
     * The peer's address: behind a proxy or ingress that is the proxy, unless Spring's forwarded-header support
     * ({@code server.forward-headers-strategy}) replaces it with the client's.
     */
    static String clientAddress(ServerRequest request) {
        return request.remoteAddress().map(OAuthRateLimiter::key).orElse("unknown");
    }

    static String key(InetSocketAddress socket) {
        InetAddress address = socket.getAddress();
        if (address == null) {
            return socket.getHostString();
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            Arrays.fill(bytes, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return address.getHostAddress();
    }
}
