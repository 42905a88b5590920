package io.lakegate.connector.oauth;

import java.net.InetAddress;

/**
 * Whether an address is globally reachable. The host of a client ID metadata document URL is chosen by an
 * unauthenticated caller: only {@link #PUBLIC} addresses may be fetched from, or anyone could make the connector send
 * requests into its own network (cloud metadata at 169.254.169.254, cluster services, admin ports on localhost).
 * The ranges are the IANA special-purpose registries' not globally reachable ones that matter for reaching internal
 * hosts, and IPv6 is public only inside global unicast 2000::/3, so space assigned later is refused until known.
 */
enum AddressKind {
    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private address"),
    LINK_LOCAL("a link-local address"),
    UNIQUE_LOCAL("a unique-local address"),
    UNSPECIFIED("an unspecified (any-local) address"),
    MULTICAST("a multicast address"),
    SHARED("a shared (carrier-grade NAT) address"),
    RESERVED("a reserved address");

    /** With its article, for "the client_id URL resolves to ...". */
    final String phrase;

    AddressKind(String phrase) {
        this.phrase = phrase;
    }

    static AddressKind of(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? ofIpv4(b, 0) : ofIpv6(b);
    }

    private static AddressKind ofIpv4(byte[] bytes, int at) {
        int a = bytes[at] & 0xff;
        int b = bytes[at + 1] & 0xff;
        int c = bytes[at + 2] & 0xff;
        int d = bytes[at + 3] & 0xff;
        if (a == 0) {
            return b == 0 && c == 0 && d == 0 ? UNSPECIFIED : RESERVED; // 0/8 "this network"
        }
        if (a == 127) {
            return LOOPBACK;
        }
        if (a == 10 || a == 172 && (b & 0xf0) == 16 || a == 192 && b == 168) {
            return PRIVATE;
        }
        if (a == 169 && b == 254) {
            return LINK_LOCAL;
        }
        if (a == 100 && (b & 0xc0) == 64) {
            return SHARED; // 100.64/10
        }
        if (a >= 224 && a <= 239) {
            return MULTICAST;
        }
        if (a >= 240 // 240/4 and the broadcast address
                || a == 192 && b == 0 && (c == 0 || c == 2) // IETF protocol assignments, TEST-NET-1
                || a == 198 && (b & 0xfe) == 18 // benchmarking 198.18/15
                || a == 198 && b == 51 && c == 100 // TEST-NET-2
                || a == 203 && b == 0 && c == 113) { // TEST-NET-3
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressKind ofIpv6(byte[] b) {
        if (isZero(b, 0, 10)) {
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return ofIpv4(b, 12); // IPv4-mapped ::ffff:a.b.c.d
            }
            if (isZero(b, 10, 15)) {
                return b[15] == 0 ? UNSPECIFIED : b[15] == 1 ? LOOPBACK : RESERVED;
            }
            // deprecated IPv4-compatible ::a.b.c.d and the rest of ::/80 are never public; name the embedded address's
            // kind where it has one, since that is what such an address would reach
            AddressKind embedded = isZero(b, 10, 12) ? ofIpv4(b, 12) : PUBLIC;
            return embedded == PUBLIC ? RESERVED : embedded;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            // NAT64: the well-known prefix 64:ff9b::/96 reaches the embedded IPv4 address through the translator
            return isZero(b, 4, 12) ? ofIpv4(b, 12) : RESERVED; // 64:ff9b:1::/48 is local-use
        }
        if (first == 0xff) {
            return MULTICAST;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return PRIVATE; // deprecated site-local fec0::/10
        }
        if ((first & 0xfe) == 0xfc) {
            return UNIQUE_LOCAL; // fc00::/7
        }
        if ((first & 0xe0) != 0x20) {
            return RESERVED; // outside global unicast 2000::/3
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return RESERVED; // documentation 2001:db8::/32
        }
        if (first == 0x20 && second == 0x02) {
            return ofIpv4(b, 2); // 6to4 2002:a.b.c.d::/48
        }
        return PUBLIC;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
