package io.lakegate.connector.hostcheck;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The host names a request may carry in {@code Host}: those of the configured public URLs, the names given in
 * {@code lakegate.mcp.allowed-hosts}, loopback, and the address the server is bound to (every local interface address
 * when it is bound to all of them, as in a pod: the kubelet's probes name the pod IP). Ports are not compared: a
 * rebinding attacker's page names its own host, whatever the port, and port mappings in front of a replica (Service,
 * container runtime) would only cause false refusals.
 */
public final class AllowedHosts {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.%a-zA-Z]+");

    /** Accepted {@code Host} values remembered verbatim, so the usual one or two cost a map look-up per request. */
    private static final int REMEMBERED = 64;

    private final Set<String> names;
    private final Set<InetAddress> addresses;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    private AllowedHosts(Set<String> names, Set<InetAddress> addresses) {
        this.names = Set.copyOf(names);
        this.addresses = Set.copyOf(addresses);
    }

    /**
     * @param publicUrls URLs clients use to reach this server (issuer, resource); null or blank entries are skipped
     * @param extraHosts {@code host} or {@code host:port} values configured by the operator
     * @param bindAddress {@code server.address}; null, blank or a wildcard address = all local interfaces
     */
    public static AllowedHosts of(Collection<String> publicUrls, Collection<String> extraHosts, String bindAddress) {
        Set<String> names = new HashSet<>(Set.of("localhost"));
        Set<InetAddress> addresses = new HashSet<>();
        for (String url : publicUrls) {
            if (url != null && !url.isBlank()) {
                String host = URI.create(url.trim()).getHost();
                if (host != null) {
                    add(hostOf(host), names, addresses);
                }
            }
        }
        for (String extra : extraHosts) {
            if (extra != null && !extra.isBlank()) {
                add(hostOf(extra.trim()), names, addresses);
            }
        }
        InetAddress bound = bindAddress == null || bindAddress.isBlank() ? null : literal(bindAddress.trim());
        if (bound != null && !bound.isAnyLocalAddress()) {
            addresses.add(bound);
        } else {
            addresses.addAll(localInterfaceAddresses());
        }
        addresses.add(InetAddress.getLoopbackAddress());
        try {
            addresses.add(InetAddress.getByName("127.0.0.1"));
            addresses.add(InetAddress.getByName("::1"));
        } catch (UnknownHostException literalsAlwaysParse) {
            throw new IllegalStateException(literalsAlwaysParse);
        }
        return new AllowedHosts(names, addresses);
    }

    /** Whether the {@code Host} header value (with or without port) names this server. Null/blank: not allowed. */
    public boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        if (accepted.contains(hostHeader)) {
            return true;
        }
        String host = hostOf(hostHeader.trim());
        if (host.isEmpty()) {
            return false;
        }
        InetAddress ip = literal(host);
        boolean allowed = ip != null ? addresses.contains(ip) : names.contains(host);
        // only accepted values, and only a few: a client cannot grow the set with values it makes up
        if (allowed && accepted.size() < REMEMBERED) {
            accepted.add(hostHeader);
        }
        return allowed;
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port} → lower-case host, brackets and final dot dropped. */
    static String hostOf(String value) {
        String v = value;
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            return end < 0 ? "" : v.substring(1, end).toLowerCase(Locale.ROOT);
        }
        int colon = v.indexOf(':');
        if (colon >= 0 && colon == v.lastIndexOf(':')) {
            v = v.substring(0, colon); // host:port; several colons = a bare IPv6 literal
        }
        v = v.toLowerCase(Locale.ROOT);
        return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    }

    private static void add(String host, Set<String> names, Set<InetAddress> addresses) {
        InetAddress ip = literal(host);
        if (ip != null) {
            addresses.add(ip);
        } else if (!host.isEmpty()) {
            names.add(host);
        }
    }

    /** The address an IP literal denotes, else null; never a DNS lookup (only literals reach getByName). */
    static InetAddress literal(String host) {
        try {
            if (IPV4.matcher(host).matches()) {
                // parsed here, never by InetAddress.getByName: "999.1.1.1" would become a DNS lookup on the event loop
                String[] octets = host.split("\\.");
                byte[] address = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(octets[i]);
                    if (octet > 255) {
                        return null;
                    }
                    address[i] = (byte) octet;
                }
                return InetAddress.getByAddress(address);
            }
            if (host.indexOf(':') < 0 || !IPV6.matcher(host).matches()) {
                return null;
            }
            // a string with ':' is only ever read as an IPv6 literal, never looked up
            InetAddress ip = InetAddress.getByName(host);
            // a scope id (fe80::1%eth0) is not part of the address being named
            return ip instanceof java.net.Inet6Address && ((java.net.Inet6Address) ip).getScopeId() != 0
                    ? InetAddress.getByAddress(ip.getAddress())
                    : ip;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Set<InetAddress> localInterfaceAddresses() {
        Set<InetAddress> all = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    all.add(a instanceof java.net.Inet6Address ? InetAddress.getByAddress(a.getAddress()) : a);
                }
            }
        } catch (SocketException | UnknownHostException e) {
            // no interface list: loopback and the configured names still work
        }
        return all;
    }

    @Override
    public String toString() {
        return "AllowedHosts" + names + addresses;
    }
}
