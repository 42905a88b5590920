package io.lakegate.connector.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-address limiter: counted per address (IPv6 per /64), and its memory bounded whatever the caller sends. */
class OAuthRateLimiterTest {

    @Test
    void eachAddressHasItsOwnCount() {
        OAuthRateLimiter limiter = new OAuthRateLimiter("test", 2, Duration.ofMinutes(1), 1000);
        assertThat(limiter.acquire("192.0.2.1")).isEmpty();
        assertThat(limiter.acquire("192.0.2.1")).isEmpty();
        assertThat(limiter.acquire("192.0.2.1"))
                .hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(limiter.acquire("192.0.2.2")).isEmpty();
    }

    @Test
    void zeroPermitsMeansUnlimitedAndRemembersNothing() {
        OAuthRateLimiter limiter = new OAuthRateLimiter("test", 0, Duration.ofMinutes(1), 1000);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("192.0.2.1")).isEmpty();
        }
        assertThat(limiter.trackedAddresses()).isZero();
    }

    @Test
    void manyAddressesDoNotGrowItPastTheBound() {
        OAuthRateLimiter limiter = new OAuthRateLimiter("test", 10, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 20_000; i++) {
            limiter.acquire("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(limiter.trackedAddresses()).isLessThanOrEqualTo(100);
    }

    @Test
    void ipv6AddressesCountPerSlash64AndIpv4AsThemselves() {
        assertThat(OAuthRateLimiter.key(new InetSocketAddress("2001:db8:1:2:aaaa::1", 443)))
                .isEqualTo(OAuthRateLimiter.key(new InetSocketAddress("2001:db8:1:2:bbbb::2", 443)))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(OAuthRateLimiter.key(new InetSocketAddress("2001:db8:1:3::1", 443)))
                .isEqualTo("2001:db8:1:3:0:0:0:0/64");
        assertThat(OAuthRateLimiter.key(new InetSocketAddress("192.0.2.7", 443)))
                .isEqualTo("192.0.2.7");
    }
}
