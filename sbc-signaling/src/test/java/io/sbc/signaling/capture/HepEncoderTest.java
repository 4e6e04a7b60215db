package io.sbc.signaling.capture;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class HepEncoderTest {
    private static final byte[] SIP = "OPTIONS sip:x SIP/2.0\r\nCall-ID: abc@h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void encodesAnIpv4SipMessageWithEveryChunkAHomerServerReads() {
        ByteBuffer buf = ByteBuffer.allocate(HepEncoder.MAX_PACKET);
        long t = 1_795_000_000_123_456L;
        HepEncoder.encode(buf, "UDP", new InetSocketAddress("127.0.0.10", 5070), new InetSocketAddress("127.0.0.20", 5060),
                SIP, 0, SIP.length, "abc@h", t, 42, "pw".getBytes(StandardCharsets.US_ASCII));
        Map<Integer, byte[]> c = HepDecoder.decode(buf);
        assertEquals(2, HepDecoder.u8(c.get(HepEncoder.FAMILY)));
        assertEquals(17, HepDecoder.u8(c.get(HepEncoder.PROTOCOL)));
        assertArrayEquals(new byte[] {127, 0, 0, 10}, c.get(HepEncoder.IPV4_SRC));
        assertArrayEquals(new byte[] {127, 0, 0, 20}, c.get(HepEncoder.IPV4_DST));
        assertEquals(5070, HepDecoder.u16(c.get(HepEncoder.SRC_PORT)));
        assertEquals(5060, HepDecoder.u16(c.get(HepEncoder.DST_PORT)));
        assertEquals(1_795_000_000L, HepDecoder.u32(c.get(HepEncoder.TIME_SEC)));
        assertEquals(123_456L, HepDecoder.u32(c.get(HepEncoder.TIME_USEC)));
        assertEquals(1, HepDecoder.u8(c.get(HepEncoder.PROTO_TYPE)));
        assertEquals(42, HepDecoder.u32(c.get(HepEncoder.AGENT_ID)));
        assertArrayEquals("pw".getBytes(StandardCharsets.US_ASCII), c.get(HepEncoder.AUTH_KEY));
        assertArrayEquals(SIP, c.get(HepEncoder.PAYLOAD));
        assertArrayEquals("abc@h".getBytes(StandardCharsets.US_ASCII), c.get(HepEncoder.CORRELATION_ID));
    }

    @Test
    void encodesIpv6AddressesAndTcp() {
        ByteBuffer buf = ByteBuffer.allocate(HepEncoder.MAX_PACKET);
        HepEncoder.encode(buf, "TLS", new InetSocketAddress("::1", 5061), new InetSocketAddress("::1", 40000),
                SIP, 0, SIP.length, null, 0, 1, null);
        Map<Integer, byte[]> c = HepDecoder.decode(buf);
        assertEquals(10, HepDecoder.u8(c.get(HepEncoder.FAMILY)));
        assertEquals(6, HepDecoder.u8(c.get(HepEncoder.PROTOCOL)));
        assertEquals(16, c.get(HepEncoder.IPV6_SRC).length);
        assertFalse(c.containsKey(HepEncoder.CORRELATION_ID));
    }

    @Test
    void refusesAPacketThatWouldNotFitADatagram() {
        ByteBuffer buf = ByteBuffer.allocate(HepEncoder.MAX_PACKET);
        byte[] huge = new byte[HepEncoder.MAX_PACKET];
        assertFalse(HepEncoder.encode(buf, "TCP", new InetSocketAddress("127.0.0.1", 1),
                new InetSocketAddress("127.0.0.1", 2), huge, 0, huge.length, "x", 0, 1, null));
    }
}
