package io.lakegate.connector.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.oauth.PublicAddressResolverGroup.NonPublicAddressException;
import io.netty.resolver.AddressResolver;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The resolver behind the metadata document fetch, with made-up DNS answers: every address checked, the connection
 * given exactly the addresses checked (one lookup, so a rebinding name gets no second answer), literals checked too,
 * and the lookup off the event loop.
 */
class PublicAddressResolverGroupTest {

    static final EventExecutor EVENT_LOOP = new DefaultEventExecutor();

    @AfterAll
    static void stop() {
        EVENT_LOOP.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Future<List<InetSocketAddress>> resolveAll(PublicAddressResolverGroup group, InetSocketAddress address) {
        AddressResolver<InetSocketAddress> resolver = group.getResolver(EVENT_LOOP);
        return resolver.resolveAll(address).awaitUninterruptibly();
    }

    @Test
    void aNameWithOnePrivateAddressAmongPublicOnesIsRefused() {
        PublicAddressResolverGroup group = new PublicAddressResolverGroup(
                false, host -> new InetAddress[] {ip("93.184.215.14"), ip("10.0.0.7"), ip("2606:2800:21f:cb07::1")});
        Future<List<InetSocketAddress>> f = resolveAll(group, InetSocketAddress.createUnresolved("mixed.example", 443));
        assertThat(f.cause()).isInstanceOfSatisfying(NonPublicAddressException.class, e -> {
            assertThat(e.kind()).isEqualTo(AddressKind.PRIVATE);
            assertThat(e.getMessage()).isEqualTo("mixed.example resolves to 10.0.0.7, a private address");
        });
    }

    @Test
    void theConnectionGetsExactlyTheAddressesCheckedFromOneLookup() {
        AtomicInteger lookups = new AtomicInteger();
        // a rebinding name: public on the first answer, the metadata service on every later one
        PublicAddressResolverGroup group = new PublicAddressResolverGroup(
                false,
                host -> lookups.getAndIncrement() == 0
                        ? new InetAddress[] {ip("93.184.215.14"), ip("2606:2800:21f:cb07::1")}
                        : new InetAddress[] {ip("169.254.169.254")});
        Future<List<InetSocketAddress>> f =
                resolveAll(group, InetSocketAddress.createUnresolved("rebind.example", 8443));
        assertThat(f.isSuccess()).as(String.valueOf(f.cause())).isTrue();
        assertThat(f.getNow())
                .allSatisfy(a -> assertThat(a.isUnresolved()).isFalse())
                .extracting(InetSocketAddress::getAddress, InetSocketAddress::getPort)
                .containsExactly(
                        Tuple.tuple(ip("93.184.215.14"), 8443), Tuple.tuple(ip("2606:2800:21f:cb07::1"), 8443));
        assertThat(lookups).hasValue(1);

        Future<List<InetSocketAddress>> next =
                resolveAll(group, InetSocketAddress.createUnresolved("rebind.example", 8443));
        assertThat(next.cause()).isInstanceOf(NonPublicAddressException.class);
    }

    @Test
    void anAlreadyResolvedLiteralIsCheckedWithoutALookup() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        PublicAddressResolverGroup group = new PublicAddressResolverGroup(false, host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {ip("93.184.215.14")};
        });
        assertThat(resolveAll(group, new InetSocketAddress(ip("169.254.169.254"), 80))
                        .cause())
                .isInstanceOfSatisfying(
                        NonPublicAddressException.class,
                        e -> assertThat(e.kind()).isEqualTo(AddressKind.LINK_LOCAL));
        assertThat(resolveAll(group, new InetSocketAddress(ip("::1"), 80)).cause())
                .isInstanceOfSatisfying(
                        NonPublicAddressException.class,
                        e -> assertThat(e.kind()).isEqualTo(AddressKind.LOOPBACK));
        assertThat(group.getResolver(EVENT_LOOP)
                        .resolve(new InetSocketAddress(ip("8.8.8.8"), 443))
                        .get())
                .isEqualTo(new InetSocketAddress(ip("8.8.8.8"), 443));
        assertThat(lookups).hasValue(0);
    }

    @Test
    void resolveOfOneAddressIsCheckedToo() {
        PublicAddressResolverGroup group =
                new PublicAddressResolverGroup(false, host -> new InetAddress[] {ip("127.0.0.1")});
        Future<InetSocketAddress> f = group.getResolver(EVENT_LOOP)
                .resolve(InetSocketAddress.createUnresolved("loopback.example", 80))
                .awaitUninterruptibly();
        assertThat(f.cause()).isInstanceOf(NonPublicAddressException.class);
    }

    @Test
    void allowingNonPublicAddressesSkipsTheCheckOnly() throws ExecutionException, InterruptedException {
        PublicAddressResolverGroup group =
                new PublicAddressResolverGroup(true, host -> new InetAddress[] {ip("127.0.0.1"), ip("10.0.0.7")});
        assertThat(resolveAll(group, InetSocketAddress.createUnresolved("dev.internal", 80))
                        .get())
                .containsExactly(new InetSocketAddress(ip("127.0.0.1"), 80), new InetSocketAddress(ip("10.0.0.7"), 80));
    }

    @Test
    void theLookupBlocksADedicatedThreadNeverTheEventLoop() {
        AtomicReference<String> thread = new AtomicReference<>();
        PublicAddressResolverGroup group = new PublicAddressResolverGroup(false, host -> {
            thread.set(Thread.currentThread().getName());
            return new InetAddress[] {ip("93.184.215.14")};
        });
        assertThat(resolveAll(group, InetSocketAddress.createUnresolved("slow.example", 443))
                        .isSuccess())
                .isTrue();
        assertThat(thread.get()).startsWith("lakegate-client-metadata-dns");
    }

    @Test
    void anUnknownHostFailsAsTheJdkSaysNotAsARefusal() {
        PublicAddressResolverGroup group = new PublicAddressResolverGroup(false, host -> {
            throw new java.net.UnknownHostException(host);
        });
        Future<List<InetSocketAddress>> f = resolveAll(group, InetSocketAddress.createUnresolved("nx.example", 443));
        assertThat(f.cause())
                .isInstanceOf(java.net.UnknownHostException.class)
                .isNotInstanceOf(NonPublicAddressException.class);
    }
}
