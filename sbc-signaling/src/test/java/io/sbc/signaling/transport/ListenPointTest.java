package io.sbc.signaling.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenPointTest {

    private static ListenPoint udp(String ip, int port, String realm) {
        return ListenPoint.of(Transport.UDP, new InetSocketAddress(ip, port), realm);
    }

    @Test
    void pointsWithEqualFieldsAreEqualWithEqualHashes() {
        ListenPoint a = udp("127.0.0.20", 5060, "pbx");
        ListenPoint b = udp("127.0.0.20", 5060, "pbx");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void pointsDifferingInAnyFieldAreNotEqual() {
        ListenPoint a = udp("127.0.0.20", 5060, "pbx");
        assertNotEquals(a, udp("127.0.0.21", 5060, "pbx"));
        assertNotEquals(a, udp("127.0.0.20", 5070, "pbx"));
        assertNotEquals(a, udp("127.0.0.20", 5060, "carrier"));
        assertNotEquals(a, ListenPoint.of(Transport.TCP, new InetSocketAddress("127.0.0.20", 5060), "pbx"));
        assertNotEquals(a, null);
    }
}
