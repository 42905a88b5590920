package io.lakegate.connector.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses a client ID metadata document may be fetched from: range edges on both sides, IPv4 and IPv6. */
class AddressKindTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0.0.0.0, UNSPECIFIED",
        "0.0.0.1, RESERVED",
        "0.255.255.255, RESERVED",
        "1.0.0.0, PUBLIC",
        "9.255.255.255, PUBLIC",
        "10.0.0.0, PRIVATE",
        "10.1.2.3, PRIVATE",
        "10.255.255.255, PRIVATE",
        "11.0.0.0, PUBLIC",
        "100.63.255.255, PUBLIC",
        "100.64.0.0, SHARED",
        "100.100.100.200, SHARED",
        "100.127.255.255, SHARED",
        "100.128.0.0, PUBLIC",
        "126.255.255.255, PUBLIC",
        "127.0.0.1, LOOPBACK",
        "127.0.0.0, LOOPBACK",
        "127.255.255.254, LOOPBACK",
        "128.0.0.0, PUBLIC",
        "169.253.255.255, PUBLIC",
        "169.254.0.0, LINK_LOCAL",
        "169.254.169.254, LINK_LOCAL",
        "169.254.170.2, LINK_LOCAL",
        "169.254.255.255, LINK_LOCAL",
        "169.255.0.0, PUBLIC",
        "172.15.255.255, PUBLIC",
        "172.16.0.0, PRIVATE",
        "172.20.10.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "172.32.0.0, PUBLIC",
        "192.0.0.1, RESERVED",
        "192.0.1.1, PUBLIC",
        "192.0.2.1, RESERVED",
        "192.167.255.255, PUBLIC",
        "192.168.0.0, PRIVATE",
        "192.168.1.1, PRIVATE",
        "192.168.255.255, PRIVATE",
        "192.169.0.0, PUBLIC",
        "198.17.255.255, PUBLIC",
        "198.18.0.0, RESERVED",
        "198.19.255.255, RESERVED",
        "198.20.0.0, PUBLIC",
        "198.51.100.1, RESERVED",
        "203.0.113.1, RESERVED",
        "8.8.8.8, PUBLIC",
        "52.95.110.1, PUBLIC",
        "223.255.255.255, PUBLIC",
        "224.0.0.0, MULTICAST",
        "224.0.0.251, MULTICAST",
        "239.255.255.255, MULTICAST",
        "240.0.0.0, RESERVED",
        "255.255.255.255, RESERVED",
    })
    void ipv4(String address, AddressKind kind) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        assertThat(a).isInstanceOf(Inet4Address.class);
        assertThat(AddressKind.of(a)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "::, UNSPECIFIED",
        "::1, LOOPBACK",
        "::2, RESERVED",
        "fe80::, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "febf:ffff::1, LINK_LOCAL",
        "fec0::1, PRIVATE",
        "feff::1, PRIVATE",
        "fc00::, UNIQUE_LOCAL",
        "fd00::2, UNIQUE_LOCAL",
        "fd00:ec2::254, UNIQUE_LOCAL",
        "fdff:ffff::1, UNIQUE_LOCAL",
        "fbff:ffff::1, RESERVED",
        "ff02::1, MULTICAST",
        "ff05::2, MULTICAST",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, MULTICAST",
        "2001:4860:4860::8888, PUBLIC",
        "2606:4700:4700::1111, PUBLIC",
        "2001::1, PUBLIC",
        "2000::, PUBLIC",
        "3fff:ffff::1, PUBLIC",
        "1fff:ffff::1, RESERVED",
        "4000::1, RESERVED",
        "100::1, RESERVED",
        "2001:db8::1, RESERVED",
        "2001:db9::1, PUBLIC",
        // IPv4-compatible (deprecated): never public, named after the embedded address when that is not public
        "::127.0.0.1, LOOPBACK",
        "::10.0.0.1, PRIVATE",
        "::169.254.169.254, LINK_LOCAL",
        "::8.8.8.8, RESERVED",
        "::1:0:1, RESERVED",
        "::1:0:0:1, RESERVED",
        // NAT64 well-known prefix reaches the embedded IPv4 address
        "64:ff9b::127.0.0.1, LOOPBACK",
        "64:ff9b::169.254.169.254, LINK_LOCAL",
        "64:ff9b::10.0.0.1, PRIVATE",
        "64:ff9b::8.8.8.8, PUBLIC",
        "64:ff9b:1::a00:1, RESERVED",
        // 6to4 embeds an IPv4 address after 2002:
        "2002:7f00:1::1, LOOPBACK",
        "2002:a9fe:a9fe::, LINK_LOCAL",
        "2002:c0a8:101::1, PRIVATE",
        "2002:0808:0808::1, PUBLIC",
    })
    void ipv6(String address, AddressKind kind) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        assertThat(a).isInstanceOf(Inet6Address.class);
        assertThat(AddressKind.of(a)).isEqualTo(kind);
    }

    /** The JDK turns a mapped literal into an Inet4Address; an Inet6Address holding one must be classified alike. */
    @ParameterizedTest(name = "::ffff:{0} is {1}")
    @CsvSource({
        "0.0.0.0, UNSPECIFIED",
        "127.0.0.1, LOOPBACK",
        "10.0.0.1, PRIVATE",
        "172.16.5.4, PRIVATE",
        "192.168.1.1, PRIVATE",
        "169.254.169.254, LINK_LOCAL",
        "100.64.0.1, SHARED",
        "224.0.0.1, MULTICAST",
        "255.255.255.255, RESERVED",
        "8.8.8.8, PUBLIC",
    })
    void ipv4MappedIpv6(String ipv4, AddressKind kind) throws Exception {
        assertThat(AddressKind.of(InetAddress.getByName("::ffff:" + ipv4))).isEqualTo(kind);
        assertThat(AddressKind.of(mapped(ipv4))).isEqualTo(kind);
    }

    private static Inet6Address mapped(String ipv4) throws UnknownHostException {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        Inet6Address a = Inet6Address.getByAddress(null, v6, -1);
        assertThat(a).isInstanceOf(Inet6Address.class);
        return a;
    }

    @Test
    void everyKindReadsAsAnAddressInTheErrorDescription() {
        for (AddressKind kind : AddressKind.values()) {
            assertThat(kind.phrase).as(kind.name()).matches("an? [a-z][A-Za-z (),-]* address");
        }
    }
}
