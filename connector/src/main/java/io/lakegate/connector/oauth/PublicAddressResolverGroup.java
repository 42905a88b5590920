package io.lakegate.connector.oauth;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The resolver of the client ID metadata document fetch: refuses a host unless every address it resolves to is
 * public. The check sits in the resolver, not before the request, because the connection then goes to exactly the
 * addresses checked: a second DNS answer (a rebinding name with a zero TTL) never gets asked for.
 */
final class PublicAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    /** A blocking host name lookup (the JDK resolver; tests give their own answers). */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    private final boolean allowNonPublic;
    private final Lookup lookup;

    /** {@code allowNonPublic}: resolve the same way but skip the check (tests, air-gapped development). */
    PublicAddressResolverGroup(boolean allowNonPublic) {
        this(allowNonPublic, InetAddress::getAllByName);
    }

    PublicAddressResolverGroup(boolean allowNonPublic, Lookup lookup) {
        this.allowNonPublic = allowNonPublic;
        this.lookup = lookup;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new Resolver(executor, allowNonPublic, lookup);
    }

    /** The host of a metadata document URL resolves to an address the connector does not fetch from. */
    static final class NonPublicAddressException extends UnknownHostException {

        private final AddressKind kind;

        /** {@code host} null: the URL named the address itself. */
        NonPublicAddressException(String host, InetAddress address, AddressKind kind) {
            super(
                    host == null
                            ? address.getHostAddress() + " is " + kind.phrase
                            : host + " resolves to " + address.getHostAddress() + ", " + kind.phrase);
            this.kind = kind;
        }

        AddressKind kind() {
            return kind;
        }

        /** The refusal behind {@code failure} (WebClient and reactor-netty wrap it), or null. */
        static NonPublicAddressException in(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof NonPublicAddressException refused) {
                    return refused;
                }
            }
            return null;
        }
    }

    private static final class Resolver extends AbstractAddressResolver<InetSocketAddress> {

        private final boolean allowNonPublic;
        private final Lookup lookup;

        Resolver(EventExecutor executor, boolean allowNonPublic, Lookup lookup) {
            super(executor, InetSocketAddress.class);
            this.allowNonPublic = allowNonPublic;
            this.lookup = lookup;
        }

        @Override
        protected boolean doIsResolved(InetSocketAddress address) {
            // reactor-netty hands over an IP literal already resolved, and would connect to it without asking
            return false;
        }

        @Override
        protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
            resolve(address).subscribe(all -> promise.trySuccess(all.get(0)), promise::tryFailure);
        }

        @Override
        protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
            resolve(address).subscribe(promise::trySuccess, promise::tryFailure);
        }

        private Mono<List<InetSocketAddress>> resolve(InetSocketAddress address) {
            String host = address.isUnresolved() ? address.getHostString() : null;
            // the event loop must not wait for the JDK resolver
            Mono<InetAddress[]> addresses = host != null
                    ? Blocking.lookup(() -> lookup.addresses(host))
                    : Mono.just(new InetAddress[] {address.getAddress()});
            return addresses.handle((all, sink) -> {
                List<InetSocketAddress> checked = new ArrayList<>(all.length);
                for (InetAddress a : all) {
                    AddressKind kind = AddressKind.of(a);
                    // any one is enough: the connection may fall back to any of them
                    if (kind != AddressKind.PUBLIC && !allowNonPublic) {
                        sink.error(new NonPublicAddressException(host, a, kind));
                        return;
                    }
                    checked.add(new InetSocketAddress(a, address.getPort()));
                }
                sink.next(checked);
            });
        }
    }
}
